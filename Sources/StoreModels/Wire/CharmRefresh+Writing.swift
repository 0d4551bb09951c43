/// Juju's refresh reply written by ``WireJSONWriter``, byte for byte as its `Codable` conformance encodes
/// it (sorted keys, absent optionals left out): one `charm` object per served action, with its metadata and
/// config YAML, bases and resources, which Foundation's encoder boxed key by key.

extension CharmRefreshResponse: WireWritable {
    public func write(to writer: inout WireJSONWriter) throws {
        try writer.refreshReply(errorList: errorList, results: results) { writer, result in try result.write(to: &writer) }
    }
}

extension CharmRefreshResult {
    func write(to writer: inout WireJSONWriter) throws {
        try writer.object { writer in
            if let charm {
                writer.key("charm")
                charm.write(to: &writer)
            }
            writer.optional("effective-channel", effectiveChannel)
            if let error {
                writer.key("error")
                try error.write(to: &writer)
            }
            writer.optional("id", id)
            writer.key("instance-key")
            writer.string(instanceKey)
            writer.optional("name", name)
            writer.optional("released-at", releasedAt?.rawValue)
            writer.key("result")
            writer.string(result)
        }
    }
}

extension CharmRefreshCharm {
    func write(to writer: inout WireJSONWriter) {
        writer.object { writer in
            writer.key("bases")
            writer.array(bases) { writer, base in base.write(to: &writer) }
            writer.key("config-yaml")
            writer.string(configYAML)
            writer.key("created-at")
            writer.string(createdAt.rawValue)
            writer.key("download")
            writer.object { writer in
                writer.key("hash-sha-256")
                writer.string(download.sha256)
                writer.key("size")
                writer.int(download.size)
                writer.key("url")
                writer.string(download.url)
            }
            writer.key("id")
            writer.string(id)
            writer.key("metadata-yaml")
            writer.string(metadataYAML)
            writer.key("name")
            writer.string(name)
            writer.key("resources")
            writer.array(resources) { writer, resource in resource.write(to: &writer) }
            writer.key("revision")
            writer.int(revision)
            writer.key("type")
            writer.string(type)
            writer.key("version")
            writer.string(version)
        }
    }
}

extension CharmRefreshBase {
    func write(to writer: inout WireJSONWriter) {
        writer.object { writer in
            writer.key("architecture")
            writer.string(architecture)
            writer.key("channel")
            writer.string(channel)
            writer.key("name")
            writer.string(name)
        }
    }
}

extension CharmRefreshCharm.Resource {
    func write(to writer: inout WireJSONWriter) {
        writer.object { writer in
            writer.key("description")
            writer.string(description)
            writer.key("download")
            writer.object { writer in
                writer.key("hash-sha256")
                writer.string(download.sha256)
                writer.key("hash-sha3-384")
                writer.string(download.sha3_384)
                writer.key("hash-sha384")
                writer.string(download.sha384)
                writer.key("hash-sha512")
                writer.string(download.sha512)
                writer.key("size")
                writer.int(download.size)
                writer.key("url")
                writer.string(download.url)
            }
            writer.key("filename")
            writer.string(filename)
            writer.key("name")
            writer.string(name)
            writer.key("revision")
            writer.int(revision)
            writer.key("type")
            writer.string(type)
        }
    }
}
