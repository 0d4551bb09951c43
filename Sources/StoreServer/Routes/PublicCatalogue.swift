import StoreModels
import StoreService

/// A package as the public device API shows it: metadata, channel map and the revisions it releases.
struct PublicPackage: Sendable {
    var detail: PackageDetail
    var map: ChannelMap
    /// The released revisions (those the map references), when they could be read.
    var revisions: [Revision]

    var package: Package { detail.package }

    /// The released revision numbered `number`, if known.
    func revision(_ number: Int) -> Revision? { revisions.first { $0.number == number } }
}

extension PublicPackage {
    /// A package of a refresh's read (``StoreService/refreshCatalogue(_:)``), with the revisions its map releases.
    init(_ entry: RefreshCatalogue.Entry) {
        let released = entry.map.releasedRevisions
        self.init(
            detail: entry.detail, map: entry.map,
            revisions: entry.revisions.values.filter { released.contains($0.number) }.sorted { $0.number > $1.number })
    }
}

extension StoreAPI {
    /// The most revisions pages read for one package (500 per page).
    static let maximumRevisionPages = 20

    /// Loads a package `identity` may see, of `type`, with its channel map and released revisions.
    ///
    /// The package and map are read as the caller (so hidden packages stay hidden); the released revisions
    /// are read as ``ServerConfiguration/catalogueReader``, because released builds are public even though
    /// revision lists are not. Only revisions the map references are kept.
    /// - Returns: `nil` when the package does not exist, is hidden from the caller or has another type.
    func publicPackage(_ name: PackageName, type: PackageType, as identity: Identity) async throws(StoreError) -> PublicPackage? {
        let service = service(for: identity)
        // The package and its map are read concurrently (two short read transactions instead of two in a row).
        async let mapRead = Self.result { () async throws(StoreError) -> ChannelMap in try await service.channelMap(of: name) }
        let detail: PackageDetail
        do throws(StoreError) { detail = try await service.package(named: name) } catch {
            _ = await mapRead
            switch error {
            case .notFound, .forbidden: return nil
            default: throw error
            }
        }
        let map: ChannelMap
        switch await mapRead {
        case .success(let value): map = value
        case .failure(let error):
            switch error {
            case .notFound, .forbidden: return nil
            default: throw error
            }
        }
        guard detail.package.type == type else { return nil }
        let revisions = try await releasedRevisions(of: name, in: map)
        return PublicPackage(detail: detail, map: map, revisions: revisions)
    }

    /// `body`'s value or error.
    private static func result<T: Sendable>(_ body: () async throws(StoreError) -> T) async -> Result<T, StoreError> {
        do throws(StoreError) { return .success(try await body()) } catch { return .failure(error) }
    }

    /// The revisions `map` releases, read as the catalogue reader; empty when it may not read them.
    private func releasedRevisions(of name: PackageName, in map: ChannelMap) async throws(StoreError) -> [Revision] {
        var wanted = map.releasedRevisions
        guard !wanted.isEmpty else { return [] }
        let reader = service(for: configuration.catalogueReader)
        var found: [Revision] = []
        var cursor: String?
        for _ in 0..<Self.maximumRevisionPages {
            let page: Page<Revision>
            do throws(StoreError) {
                page = try await reader.revisions(of: name, query: RevisionQuery(cursor: cursor, limit: 500))
            } catch {
                switch error {
                case .forbidden, .notFound, .unauthenticated: return found
                default: throw error
                }
            }
            for revision in page.items where wanted.remove(revision.number) != nil { found.append(revision) }
            cursor = page.nextCursor
            if wanted.isEmpty || cursor == nil { break }
        }
        return found
    }
}
