import Foundation
import StoreService

/// Loads the ``MacaroonAuthority`` once: its key from the database every instance shares (a
/// ``ServerStateStore``), or a key of this process's own for a backend that keeps no server state.
actor MacaroonKeyring {
    private let state: (any ServerStateStore)?
    private var loaded: MacaroonAuthority?

    init(backend: any StoreBackend) {
        self.state = backend as? any ServerStateStore
    }

    /// The authority; the first call reads (or stores) the key.
    func authority() async throws(StoreError) -> MacaroonAuthority {
        if let loaded { return loaded }
        let key: Data
        if let state {
            key = try await state.signingKey(named: MacaroonAuthority.keyName, candidate: MacaroonAuthority.randomKey())
        } else {
            key = MacaroonAuthority.randomKey()
        }
        let authority = MacaroonAuthority(key: key)
        loaded = authority
        return authority
    }
}
