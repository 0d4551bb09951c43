import Foundation
import Testing
@testable import StoreServer

/// ``NestingGuard`` counts how deeply a document nests without recursing, so no parser ever sees
/// a document deep enough to overflow its stack.
@Suite("Nesting guard")
struct NestingGuardTests {
    @Test func flowCollectionsCount() {
        #expect(NestingGuard.yamlDepth("a: [1, [2, {b: [3]}]]") == 5)
        #expect(NestingGuard.yamlProblem(String(repeating: "[", count: 10_000), name: "metadata.yaml")
                == "metadata.yaml nests deeper than 64 levels")
        #expect(NestingGuard.yamlProblem(String(repeating: "[", count: 63) + String(repeating: "]", count: 63), name: "m") == nil)
    }

    @Test func blockIndentationCounts() {
        let deep = (0..<200).map { String(repeating: " ", count: $0) + "k\($0):" }.joined(separator: "\n")
        #expect(NestingGuard.yamlDepth(deep) > 64)
        #expect(NestingGuard.yamlProblem(deep, name: "manifest.yaml") == "manifest.yaml nests deeper than 64 levels")
        #expect(NestingGuard.yamlDepth(String(repeating: "- ", count: 100) + "x") > 64)
    }

    @Test func bracketsInQuotesCommentsAndBlockScalarsDoNotCount() {
        let text = """
            name: demo  # [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[
            summary: "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["
            title: 'it''s [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[['
            description: |
              [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[
              {{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{
            requires:
              db:
                interface: postgresql_client
            """
        #expect(NestingGuard.yamlDepth(text) == 3)
    }

    @Test func realCharmDocumentsPass() throws {
        let manifest = """
            charmcraft-version: 4.5.0
            bases:
            - name: ubuntu
              channel: '22.04'
              architectures: [amd64, arm64]
            """
        #expect(NestingGuard.yamlProblem(manifest, name: "manifest.yaml") == nil)
        #expect(NestingGuard.yamlDepth(manifest) <= 4)
    }

    @Test func jsonDepthIgnoresStrings() {
        #expect(NestingGuard.jsonDepth(Array(#"{"a": ["[[[[", {"b": "\"[["}]}"#.utf8)) == 3)
        #expect(NestingGuard.jsonProblem(Array(String(repeating: "[", count: 5000).utf8), name: "body") == "body nests deeper than 64 levels")
    }
}
