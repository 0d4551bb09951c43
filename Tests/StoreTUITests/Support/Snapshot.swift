import Foundation
import Testing
@testable import StoreTUI

/// Compares a rendered screen with a reference file under `__Snapshots__/`.
///
/// A missing reference is written (and the test fails, so a new snapshot is always looked at);
/// `STORE_TUI_RECORD=1` rewrites them. CI never records.
func assertSnapshot(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("__Snapshots__")
    let file = directory.appendingPathComponent(name + ".txt")
    let environment = ProcessInfo.processInfo.environment
    let record = environment["STORE_TUI_RECORD"] == "1" && environment["CI"] == nil
    if record || !FileManager.default.fileExists(atPath: file.path) {
        if environment["CI"] != nil {
            Issue.record("Snapshot \(name) is missing; record it locally with STORE_TUI_RECORD=1 and commit it.", sourceLocation: sourceLocation)
            return
        }
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try? text.write(to: file, atomically: true, encoding: .utf8)
        if !record { Issue.record("Recorded new snapshot \(name); check it and run again.", sourceLocation: sourceLocation) }
        return
    }
    let expected = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
    if expected != text {
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var diff: [String] = []
        for index in 0..<max(expectedLines.count, actualLines.count) {
            let e = index < expectedLines.count ? String(expectedLines[index]) : "<none>"
            let a = index < actualLines.count ? String(actualLines[index]) : "<none>"
            if e != a { diff.append("line \(index + 1):\n  - \(e)\n  + \(a)") }
        }
        let details = diff.prefix(12).joined(separator: "\n")
        Issue.record(Comment(rawValue: "Snapshot \(name) differs:\n\(details)"), sourceLocation: sourceLocation)
    }
}

/// Renders a state into a buffer of its size.
func rendered(_ state: AppState) -> ScreenBuffer {
    var buffer = ScreenBuffer(width: state.width, height: state.height)
    AppView.render(state, into: &buffer)
    return buffer
}
