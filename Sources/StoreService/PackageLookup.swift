/// Bounds of ``StoreService/packageNames(ids:)``, asked once by the engines (which refuse more)
/// and by the server (which looks up no more for a device request).
public enum PackageLookup {
    /// At most this many ids in one lookup.
    public static let maximumIDs = 500
}
