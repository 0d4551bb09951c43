/// snapd's refresh reply written by ``WireJSONWriter``, byte for byte as its `Codable` conformance
/// encodes it (sorted keys, absent optionals left out): the reply of a device's bulk refresh carries
/// one `snap` object per result, which Foundation's encoder spent about a third of the request on.

extension SnapRefreshResponse: WireWritable {
    public func write(to writer: inout WireJSONWriter) throws {
        try writer.refreshReply(errorList: errorList, results: results) { writer, result in try result.write(to: &writer) }
    }
}

extension WireJSONWriter {
    /// A refresh reply as snapd and Juju read it: `{"error-list": […], "results": […]}`, each result by `write`.
    mutating func refreshReply<Result>(
        errorList: [WireError], results: [Result], _ write: (inout WireJSONWriter, Result) throws -> Void
    ) throws {
        try object { writer in
            writer.key("error-list")
            try writer.array(errorList) { writer, error in try error.write(to: &writer) }
            writer.key("results")
            try writer.array(results, write)
        }
    }
}

extension SnapRefreshResult {
    func write(to writer: inout WireJSONWriter) throws {
        try writer.object { writer in
            writer.optional("effective-channel", effectiveChannel)
            if let error {
                writer.key("error")
                try error.write(to: &writer)
            }
            writer.key("instance-key")
            writer.string(instanceKey)
            writer.optional("name", name)
            writer.optional("redirect-channel", redirectChannel)
            writer.key("result")
            writer.string(result)
            if let snap {
                writer.key("snap")
                try snap.write(to: &writer)
            }
            writer.optional("snap-id", snapID)
        }
    }
}

extension SnapRefreshSnap {
    /// A key of either half, the two halves' keys in the encoder's order.
    enum WireKey {
        case details(SnapDetails.WireKey)
        case revision(SnapRevisionFields.WireKey)

        /// Both halves' keys merged by their UTF-8 bytes (the revision half's `channel` is not a field).
        static let ordered: [WireKey] = {
            let details = SnapDetails.WireKey.allCases.map { (key: $0.rawValue, value: WireKey.details($0)) }
            let revision = SnapRevisionFields.WireKey.allCases.filter { $0 != .channel }.map { (key: $0.rawValue, value: WireKey.revision($0)) }
            return (details + revision).sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }.map(\.value)
        }()
    }

    /// Both halves' keys in one object, as `encode(to:)` writes them into one container.
    func write(to writer: inout WireJSONWriter) throws {
        try writer.object { writer in
            for key in WireKey.ordered {
                switch key {
                case .details(let key): try details.write(key, to: &writer)
                case .revision(let key): try revision.write(key, to: &writer)
                }
            }
        }
    }
}

extension WireError {
    func write(to writer: inout WireJSONWriter) throws {
        try writer.object { writer in
            writer.key("code")
            writer.string(code)
            if let extra {
                writer.key("extra")
                try writer.encoded(extra)
            }
            writer.key("message")
            writer.string(message)
        }
    }
}
