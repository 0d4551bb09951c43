import Hummingbird

// A bare Hummingbird "hello": one route, no middleware, the framework's default HTTP/1 channel.
// `scripts/bench/uncached_bench.sh` runs it beside `store-tui serve` so the server's own floor
// (`GET /health/live`) can be read against what Hummingbird alone costs on the same machine.
// Usage: bench-hello PORT

let port = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 18190
let body = ByteBuffer(string: #"{"status":"ok"}"#)
let router = Router()
router.get("/health/live") { _, _ in
    Response(status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"], body: ResponseBody(byteBuffer: body))
}
let app = Application(router: router, configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: port)))
try await app.runService()
