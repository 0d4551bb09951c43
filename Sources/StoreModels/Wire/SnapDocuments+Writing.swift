/// The v2 snap info and find documents written by ``WireJSONWriter``: each object's keys in the order
/// Foundation's sorted-keys encoder puts them (UTF-8 bytes compared), absent optionals left out, as their
/// `Codable` conformances encode them.

extension SnapInfoResponse: WireWritable {
    public func write(to writer: inout WireJSONWriter) throws {
        try writer.object { writer in
            writer.key("channel-map")
            try writer.array(channelMap) { writer, entry in try entry.write(to: &writer) }
            writer.key("default-track")
            if let defaultTrack { writer.string(defaultTrack) } else { writer.null() }
            writer.key("name")
            writer.string(name)
            writer.key("snap")
            try snap.write(to: &writer)
            writer.key("snap-id")
            writer.string(snapID)
        }
    }
}

extension SnapFindResponse: WireWritable {
    public func write(to writer: inout WireJSONWriter) throws {
        try writer.object { writer in
            writer.key("results")
            try writer.array(results) { writer, result in try result.write(to: &writer) }
        }
    }
}

extension SnapFindResult {
    func write(to writer: inout WireJSONWriter) throws {
        try writer.object { writer in
            writer.key("name")
            writer.string(name)
            if let revision {
                writer.key("revision")
                try writer.object { writer in try revision.fields.writeKeys(to: &writer, channel: revision.channel) }
            }
            writer.key("snap")
            try snap.write(to: &writer)
            writer.key("snap-id")
            writer.string(snapID)
        }
    }
}

extension SnapInfoChannelMapEntry {
    func write(to writer: inout WireJSONWriter) throws {
        try writer.object { writer in
            try revision.writeKeys(to: &writer) { writer in
                writer.key("channel")
                channel.write(to: &writer)
            }
        }
    }
}

extension SnapInfoChannel {
    func write(to writer: inout WireJSONWriter) {
        writer.object { writer in
            writer.key("architecture")
            writer.string(architecture)
            writer.key("name")
            writer.string(name)
            writer.key("released-at")
            writer.string(releasedAt.rawValue)
            writer.key("risk")
            writer.string(risk)
            writer.key("track")
            writer.string(track)
        }
    }
}

extension SnapDetails {
    /// The snap-level keys, in the encoder's order (a test checks it).
    enum WireKey: String, CaseIterable {
        case categories, contact, description, license, links, media, name, prices
        case isPrivate = "private"
        case publisher
        case snapID = "snap-id"
        case storeURL = "store-url"
        case summary, title, website
    }

    func write(to writer: inout WireJSONWriter) throws {
        try writer.object { writer in
            for key in WireKey.allCases { try write(key, to: &writer) }
        }
    }

    /// Writes `key` and its value into the object being written, when the value is present.
    func write(_ key: WireKey, to writer: inout WireJSONWriter) throws {
        switch key {
        case .categories:
            if let categories {
                writer.key("categories")
                try writer.array(categories) { writer, category in try category.write(to: &writer) }
            }
        case .contact: writer.optional("contact", contact)
        case .description: writer.optional("description", description)
        case .license: writer.optional("license", license)
        case .links:
            if let links {
                writer.key("links")
                writer.object(links) { writer, urls in writer.array(urls) }
            }
        case .media:
            if let media {
                writer.key("media")
                writer.array(media) { writer, item in item.write(to: &writer) }
            }
        case .name: writer.optional("name", name)
        case .prices:
            if let prices {
                writer.key("prices")
                writer.object(prices) { writer, price in writer.string(price) }
            }
        case .isPrivate:
            if let isPrivate {
                writer.key("private")
                writer.bool(isPrivate)
            }
        case .publisher:
            if let publisher {
                writer.key("publisher")
                publisher.write(to: &writer)
            }
        case .snapID: writer.optional("snap-id", snapID)
        case .storeURL: writer.optional("store-url", storeURL)
        case .summary: writer.optional("summary", summary)
        case .title: writer.optional("title", title)
        case .website: writer.field("website", website) { writer, url in writer.string(url) }
        }
    }
}

extension SnapRevisionFields {
    /// Writes the revision-level keys into the object being written, with find's `channel` among them.
    func writeKeys(to writer: inout WireJSONWriter, channel: String?) throws {
        try writeKeys(to: &writer) { writer in writer.optional("channel", channel) }
    }

    /// The revision-level keys, in the encoder's order (a test checks it); `channel` is the document's
    /// own (info's object, find's text).
    enum WireKey: String, CaseIterable {
        case architectures, base, channel
        case commonIDs = "common-ids"
        case confinement
        case createdAt = "created-at"
        case download, epoch, resources, revision
        case snapYAML = "snap-yaml"
        case type, version
    }

    /// Writes the revision-level keys into the object being written; `channel` writes the `channel` key
    /// (info's object, find's text) in its sorted place, between `base` and `common-ids`.
    func writeKeys(to writer: inout WireJSONWriter, channel: (inout WireJSONWriter) -> Void) throws {
        for key in WireKey.allCases {
            if key == .channel { channel(&writer) } else { try write(key, to: &writer) }
        }
    }

    /// Writes `key` and its value into the object being written, when the value is present (`channel`,
    /// not one of these fields, writes nothing).
    func write(_ key: WireKey, to writer: inout WireJSONWriter) throws {
        switch key {
        case .architectures:
            if let architectures {
                writer.key("architectures")
                writer.array(architectures) { writer, architecture in writer.string(architecture.rawValue) }
            }
        case .base: writer.field("base", base) { writer, base in writer.string(base) }
        case .channel: return
        case .commonIDs:
            if let commonIDs {
                writer.key("common-ids")
                writer.array(commonIDs)
            }
        case .confinement: writer.optional("confinement", confinement)
        case .createdAt: writer.optional("created-at", createdAt?.rawValue)
        case .download:
            if let download {
                writer.key("download")
                try download.write(to: &writer)
            }
        case .epoch:
            if let epoch {
                writer.key("epoch")
                epoch.write(to: &writer)
            }
        case .resources:
            if let resources {
                writer.key("resources")
                try writer.encoded(resources)
            }
        case .revision:
            if let revision {
                writer.key("revision")
                writer.int(revision)
            }
        case .snapYAML: writer.optional("snap-yaml", snapYAML)
        case .type: writer.optional("type", type)
        case .version: writer.optional("version", version)
        }
    }
}

extension SnapDownload {
    func write(to writer: inout WireJSONWriter) throws {
        try writer.object { writer in
            if let deltas {
                writer.key("deltas")
                try writer.encoded(deltas)
            }
            writer.optional("sha3-384", sha3_384)
            if let size {
                writer.key("size")
                writer.int(size)
            }
            writer.optional("url", url)
        }
    }
}

extension SnapEpoch {
    func write(to writer: inout WireJSONWriter) {
        writer.object { writer in
            writer.key("read")
            writer.array(read) { writer, number in writer.int(number) }
            writer.key("write")
            writer.array(self.write) { writer, number in writer.int(number) }
        }
    }
}

extension WirePublisher {
    func write(to writer: inout WireJSONWriter) {
        writer.object { writer in
            writer.optional("display-name", displayName)
            writer.optional("id", id)
            writer.optional("username", username)
            writer.optional("validation", validation)
        }
    }
}

extension WireMedia {
    func write(to writer: inout WireJSONWriter) {
        writer.object { writer in
            writer.field("height", height) { writer, number in writer.int(number) }
            writer.key("type")
            writer.string(type)
            writer.key("url")
            writer.string(url)
            writer.field("width", width) { writer, number in writer.int(number) }
        }
    }
}

extension WireCategory {
    func write(to writer: inout WireJSONWriter) throws {
        try writer.object { writer in
            writer.optional("description", description)
            if let featured {
                writer.key("featured")
                writer.bool(featured)
            }
            if let media {
                writer.key("media")
                writer.array(media) { writer, item in item.write(to: &writer) }
            }
            writer.key("name")
            writer.string(name)
            writer.optional("summary", summary)
            writer.optional("title", title)
            writer.optional("type", type)
        }
    }
}

extension WireJSONWriter {
    /// Writes `key` and the string when there is one (an absent optional, as `encodeIfPresent` leaves it).
    mutating func optional(_ key: StaticString, _ value: String?) {
        guard let value else { return }
        self.key(key)
        string(value)
    }

    /// Writes a ``WireField``: nothing when absent, `null` when null, else `key` and the value.
    mutating func field<Wrapped>(_ key: StaticString, _ field: WireField<Wrapped>, _ value: (inout WireJSONWriter, Wrapped) -> Void) {
        switch field {
        case .absent: return
        case .null:
            self.key(key)
            null()
        case .value(let wrapped):
            self.key(key)
            value(&self, wrapped)
        }
    }
}
