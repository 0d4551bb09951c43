import Hummingbird

// A bare Hummingbird "hello": one route, no middleware, the framework's default HTTP/1 channel.
// `scripts/bench/uncached_bench.sh` runs it beside `store-tui serve` so the server's own floor
// (`GET /health/live`) can be read against what Hummingbird alone costs on the same machine.
// `GET /spin/{µs}` answers after that many microseconds of work in the handler, on Swift's shared pool as
// every Hummingbird handler runs: a request as costly as a device refresh with nothing of ours in it, so
// `scripts/bench/device_bench.sh` can print the framework's own latency tail at that cost beside ours.
// Usage: bench-hello PORT

let port = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 18190
let body = ByteBuffer(string: #"{"status":"ok"}"#)
let router = Router()
router.get("/health/live") { _, _ in
    Response(status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"], body: ResponseBody(byteBuffer: body))
}
router.get("/spin/{micros}") { _, context in
    let micros = min(max(Int(context.parameters.get("micros") ?? "") ?? 0, 0), 100_000)
    let clock = ContinuousClock()
    let until = clock.now.advanced(by: .microseconds(micros))
    var spins = 0
    while clock.now < until { spins &+= 1 }
    return Response(
        status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"],
        body: ResponseBody(byteBuffer: ByteBuffer(string: #"{"spins":\#(spins)}"#)))
}
let app = Application(router: router, configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: port)))
try await app.runService()
