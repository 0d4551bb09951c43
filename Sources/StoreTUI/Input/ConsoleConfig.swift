/// The optional config file (`$XDG_CONFIG_HOME/store-tui/config`): theme and key bindings.
///
/// ```
/// # comments start with #
/// theme = light
/// color = off
/// bind.quit = q C-c
/// bind.cycle-type = T
/// ```
/// Keys use the labels of the help overlay (`j`, `C-c`, `Enter`, `PgDn`, `F5`, `Space`).
public struct ConsoleConfig: Hashable, Sendable {
    public var theme: ThemeName?
    public var useColor: Bool?
    public var keyMap = KeyMap()
    /// Problems found while reading: unknown settings, bad keys, conflicting bindings.
    public var warnings: [String] = []

    public init() {}

    /// Parses the file's text; never throws: every problem becomes a warning naming its line.
    public static func parse(_ text: String) -> ConsoleConfig {
        var config = ConsoleConfig()
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let where_ = "config line \(index + 1)"
            guard let equals = line.firstIndex(of: "=") else {
                config.warnings.append("\(where_): expected `name = value`")
                continue
            }
            let name = line[..<equals].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            switch name {
            case "theme":
                if let theme = ThemeName(rawValue: value) { config.theme = theme }
                else { config.warnings.append("\(where_): theme must be dark or light") }
            case "color", "colour":
                switch value {
                case "on", "true", "yes": config.useColor = true
                case "off", "false", "no": config.useColor = false
                default: config.warnings.append("\(where_): color must be on or off")
                }
            default:
                guard name.hasPrefix("bind.") else {
                    config.warnings.append("\(where_): unknown setting '\(name)'")
                    continue
                }
                let commandName = String(name.dropFirst("bind.".count))
                guard let command = Command(rawValue: commandName) else {
                    config.warnings.append("\(where_): unknown command '\(commandName)'")
                    continue
                }
                var keys: [Key] = []
                for label in value.split(separator: " ") {
                    if let key = Key(label: String(label)) { keys.append(key) }
                    else { config.warnings.append("\(where_): unknown key '\(label)'") }
                }
                guard !keys.isEmpty else { continue }
                config.warnings += config.keyMap.rebind(command, to: keys).map { "\(where_): \($0)" }
            }
        }
        return config
    }
}

import Foundation
