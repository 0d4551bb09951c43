/// The console's version string, shown by `--version` and in the help overlay.
public enum StoreTUIVersion {
    public static let current = "0.1.0"
}
