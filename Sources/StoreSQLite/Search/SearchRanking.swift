import GRDB
#if canImport(GRDBSQLite)
import GRDBSQLite
#elseif canImport(SQLite3)
import SQLite3
#endif

/// The `store_rank(package_search)` FTS5 ranking function: BM25F over name, title, summary and
/// description with fixed corpus statistics.
///
/// FTS5's built-in `bm25()` reads the corpus statistics (row count, documents per term, average
/// length) at query time, so inserting one package can reorder existing results and a keyset cursor
/// over its score would skip or repeat rows. This function keeps BM25's term-frequency saturation,
/// per-column length normalisation and column weights (name ≫ title > summary > description) but
/// uses fixed average lengths and an IDF of 1 (every result contains every term anyway): the score
/// of a row depends only on that row and the query, so search pages are stable while rows change.
enum SearchRanking {
    /// The SQL name of the ranking function.
    static let functionName = "store_rank"
    /// Column weights, in the FTS table's column order.
    static let weights: [Double] = [10, 4, 2, 1]
    /// Typical token counts of each column, standing in for BM25's corpus averages.
    static let typicalLengths: [Double] = [2, 4, 12, 60]
    static let k1 = 1.2
    static let b = 0.75
    /// Queries use at most this many phrases; more are ignored by the scorer.
    static let maximumPhrases = 16

    /// Registers `store_rank` on a connection; call it from `Configuration.prepareDatabase`.
    static func register(on db: Database) throws {
        let api = UnsafeMutablePointer(mutating: FTS5.api(db))
        guard let create = api.pointee.xCreateFunction else {
            throw DatabaseError(resultCode: .SQLITE_ERROR, message: "FTS5 cannot register functions")
        }
        let code = create(api, functionName, nil, { api, context, result, _, _ in
            SearchRanking.score(api: api, context: context, result: result)
        }, nil)
        guard code == SQLITE_OK else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "cannot register \(functionName)")
        }
    }

    /// Computes the score of the current row; higher is better.
    private static func score(api: UnsafePointer<Fts5ExtensionApi>?, context: OpaquePointer?, result: OpaquePointer?) {
        guard let api = api?.pointee, let context,
              let phraseCount = api.xPhraseCount, let instCount = api.xInstCount,
              let inst = api.xInst, let columnSize = api.xColumnSize
        else {
            sqlite3_result_error(result, "store_rank: FTS5 API unavailable", -1)
            return
        }
        let columns = weights.count
        let phrases = min(Int(phraseCount(context)), maximumPhrases)
        guard phrases > 0 else {
            sqlite3_result_double(result, 0)
            return
        }
        var instances: Int32 = 0
        guard instCount(context, &instances) == SQLITE_OK else {
            sqlite3_result_error(result, "store_rank: cannot count matches", -1)
            return
        }
        withUnsafeTemporaryAllocation(of: Double.self, capacity: phrases * columns + columns) { buffer in
            buffer.initialize(repeating: 0)
            // Hits per (phrase, column), then the length normalisation of each column.
            for index in 0..<instances {
                var phrase: Int32 = 0
                var column: Int32 = 0
                var offset: Int32 = 0
                guard inst(context, index, &phrase, &column, &offset) == SQLITE_OK else { continue }
                guard phrase >= 0, Int(phrase) < phrases, column >= 0, Int(column) < columns else { continue }
                buffer[Int(phrase) * columns + Int(column)] += 1
            }
            let norms = phrases * columns
            for column in 0..<columns {
                var size: Int32 = 0
                _ = columnSize(context, Int32(column), &size)
                buffer[norms + column] = 1 - b + b * Double(size) / typicalLengths[column]
            }
            var score = 0.0
            for phrase in 0..<phrases {
                var frequency = 0.0
                for column in 0..<columns {
                    frequency += weights[column] * buffer[phrase * columns + column] / buffer[norms + column]
                }
                score += frequency * (k1 + 1) / (frequency + k1)
            }
            sqlite3_result_double(result, score)
        }
    }
}
