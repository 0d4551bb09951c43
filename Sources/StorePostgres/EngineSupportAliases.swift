import StoreEngineSupport

// Names from StoreEngineSupport under their old engine-local spelling, so files that do not
// import StoreEngineSupport (search, import, releases, packages) compile unchanged.

/// See ``StoreEngineSupport/OpaqueCursor``.
typealias OpaqueCursor = StoreEngineSupport.OpaqueCursor
/// See ``StoreEngineSupport/JSONColumn``.
typealias JSONColumn = StoreEngineSupport.JSONColumn
/// See ``StoreEngineSupport/AuditCursor`` (the scale benchmarks name it).
typealias AuditCursor = StoreEngineSupport.AuditCursor
/// See ``StoreEngineSupport/PublisherCursor``.
typealias PublisherCursor = StoreEngineSupport.PublisherCursor
/// See ``StoreEngineSupport/PackageContext``; loaded by `PackageContext+Loading.swift`.
typealias PackageContext = StoreEngineSupport.PackageContext
