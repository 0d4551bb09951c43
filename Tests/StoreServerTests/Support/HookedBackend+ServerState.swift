import Foundation
import StoreService

/// ``HookedBackend`` keeps the server state of the backend it wraps, so the server tests run the
/// database-backed idempotency records, auth-failure limiter and uploads, as `serve` does.
extension HookedBackend: ServerStateStore {
    private var state: any ServerStateStore {
        get throws(StoreError) {
            guard let state = base as? any ServerStateStore else { throw .unavailable("the wrapped backend keeps no server state") }
            return state
        }
    }

    func beginIdempotentRequest(scope: String, fingerprint: String, policy: IdempotencyPolicy) async throws(StoreError) -> IdempotencyDecision {
        try await state.beginIdempotentRequest(scope: scope, fingerprint: fingerprint, policy: policy)
    }
    func finishIdempotentRequest(scope: String, reply: Data?, policy: IdempotencyPolicy) async throws(StoreError) {
        try await state.finishIdempotentRequest(scope: scope, reply: reply, policy: policy)
    }
    func authFailureDelay(for client: String, policy: AuthFailurePolicy) async throws(StoreError) -> Int? {
        try await state.authFailureDelay(for: client, policy: policy)
    }
    func recordAuthFailure(for client: String, policy: AuthFailurePolicy) async throws(StoreError) {
        try await state.recordAuthFailure(for: client, policy: policy)
    }
    func signingKey(named name: String, candidate: Data) async throws(StoreError) -> Data {
        try await state.signingKey(named: name, candidate: candidate)
    }
    func storeUploadChunk(uploadID: String, index: Int, bytes: Data) async throws(StoreError) {
        try await state.storeUploadChunk(uploadID: uploadID, index: index, bytes: bytes)
    }
    func commitUpload(_ upload: ServerUpload) async throws(StoreError) { try await state.commitUpload(upload) }
    func upload(id: String) async throws(StoreError) -> ServerUpload? { try await state.upload(id: id) }
    func uploadChunk(uploadID: String, index: Int) async throws(StoreError) -> Data? {
        try await state.uploadChunk(uploadID: uploadID, index: index)
    }
    func uploadChunkPart(uploadID: String, index: Int, from offset: Int, maximum: Int) async throws(StoreError) -> Data? {
        try await state.uploadChunkPart(uploadID: uploadID, index: index, from: offset, maximum: maximum)
    }
    func claimUpload(id: String) async throws(StoreError) -> Bool { try await state.claimUpload(id: id) }
    func renewUploadClaim(id: String) async throws(StoreError) { try await state.renewUploadClaim(id: id) }
    func releaseUploadClaim(id: String) async throws(StoreError) { try await state.releaseUploadClaim(id: id) }
    func recordUploadPushed(id: String, package: String, revision: Int, keepingBytes: Bool) async throws(StoreError) {
        try await state.recordUploadPushed(id: id, package: package, revision: revision, keepingBytes: keepingBytes)
    }
    func discardUpload(id: String) async throws(StoreError) { try await state.discardUpload(id: id) }
    func pendingUploads(uploaderIDsStartingWith prefix: String) async throws(StoreError) -> PendingUploads {
        try await state.pendingUploads(uploaderIDsStartingWith: prefix)
    }
    func pendingUploads(uploaderID: String) async throws(StoreError) -> PendingUploads {
        try await state.pendingUploads(uploaderID: uploaderID)
    }
}
