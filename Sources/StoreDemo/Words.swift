/// Word lists the demo composes package names, titles and usernames from.
///
/// The four name lists are pairwise disjoint, lower-case ASCII letters only, so a composed
/// name decomposes one way only and every composition is unique (the tests check this).
enum Words {
    /// Made-up product words used alone (`kestrel`) or with a tool word (`kestrel-player`).
    static let brands: [String] = [
        "aurora", "basalt", "cobalt", "driftwood", "ember", "fennel", "glimmer", "harbor", "indigo", "juniper",
        "kestrel", "lumen", "magnolia", "nimbus", "obsidian", "pebble", "quartz", "rosewood", "saffron", "tundra",
        "umbra", "vireo", "willow", "xylem", "yarrow", "zephyr", "acorn", "bramble", "cinder", "dapple",
        "egret", "fjord", "garnet", "heron", "isobar", "jasper", "kelpie", "larkspur", "marten", "nettle",
        "osprey", "plover", "quill", "russet", "sorrel", "thistle", "upland", "verdant", "wren", "yonder",
        "zinnia", "alder", "birch", "cedar", "dogwood", "elder", "fir", "gorse", "hazel", "ivy",
        "larch", "maple", "oak", "poplar", "rowan", "spruce", "teak", "walnut", "yew", "amber",
        "beryl", "coral", "dune", "flint", "granite", "helix", "iris", "jade", "krill", "lotus",
        "mica", "nova", "onyx", "prism", "quasar", "ripple", "slate", "topaz", "vortex", "wisp",
        "argon", "boron", "cesium", "helium", "krypton", "lithium", "neon", "radon", "xenon", "zircon",
        "badger", "caracal", "dingo", "ermine", "ferret", "gecko", "hyena", "ibex", "jackal", "koala",
        "lemur", "mongoose", "narwhal", "ocelot", "panda", "quokka", "raccoon", "serval", "tapir", "urchin",
        "vole", "walrus", "yak", "zebu", "albatross", "bittern", "condor", "dunlin", "eider", "finch",
        "gannet", "hoopoe", "ibis", "jay", "kite", "linnet", "merlin", "nightjar", "oriole", "puffin",
        "quail", "robin", "swift", "tern", "veery", "warbler", "bluebell", "crocus", "daisy", "foxglove",
        "heather", "lilac", "marigold", "orchid", "peony", "primrose", "sage", "tulip", "violet", "wisteria",
    ]

    /// Qualifiers for `adjective-noun` names (`tiny-terminal`).
    static let adjectives: [String] = [
        "tiny", "simple", "quick", "open", "smart", "secure", "minimal", "fast", "little", "super",
        "easy", "clever", "modern", "retro", "classic", "happy", "silent", "bright", "dark", "deep",
        "lean", "micro", "mega", "nano", "pixel", "cloud", "local", "remote", "better", "pure",
        "free", "solid", "stellar", "cosmic", "crystal", "golden", "green", "blue", "red", "silver",
        "iron", "rapid", "gentle", "wild", "urban", "polar", "lunar", "solar", "sonic", "hyper",
        "ultra", "neat", "tidy", "plain", "cozy", "brave", "calm", "crisp", "fresh", "keen",
        "lucky", "mighty", "noble", "proud", "quiet", "rusty", "shiny", "sleek", "snappy", "sturdy",
        "subtle", "sunny", "trusty", "vivid", "witty", "zesty", "agile", "bold", "daily", "handy",
        "instant", "lazy", "lively", "native", "nimble", "portable", "private", "rich", "safe", "social",
        "steady", "tiled", "unified", "visual", "wired", "wireless", "zen", "indie", "mini", "humble",
    ]

    /// Subjects: what a package is about (`markdown`, `budget`, `redis`).
    static let nouns: [String] = [
        "markdown", "photo", "music", "video", "terminal", "budget", "weather", "chess", "sudoku", "recipe",
        "podcast", "calendar", "todo", "journal", "diagram", "font", "icon", "wallpaper", "clock", "timer",
        "password", "vpn", "ssh", "git", "docker", "python", "rust", "node", "json", "yaml",
        "csv", "pdf", "ebook", "comic", "radio", "mail", "chat", "irc", "feed", "news",
        "map", "gps", "star", "planet", "telescope", "molecule", "genome", "circuit", "arduino", "serial",
        "usb", "bluetooth", "printer", "camera", "webcam", "screen", "desktop", "window", "clipboard", "keyboard",
        "mouse", "battery", "disk", "backup", "file", "archive", "torrent", "network", "wifi", "dns",
        "http", "api", "log", "metrics", "redis", "mysql", "mongo", "nginx", "kafka", "ldap",
        "vault", "grafana", "prometheus", "loki", "tempo", "minio", "rabbit", "memcached", "etcd", "consul",
        "sql", "graph", "budgie", "sticky", "kanban", "pomodoro", "flashcard", "language", "math", "physics",
        "chemistry", "astronomy", "guitar", "piano", "drum", "synth", "midi", "audio", "lyrics", "karaoke",
        "game", "puzzle", "arcade", "pinball", "emulator", "dice", "card", "board", "quiz", "trivia",
        "finance", "invoice", "crypto", "stock", "tax", "expense", "cookbook", "fitness", "workout", "sleep",
        "habit", "meditation", "yoga", "running", "cycling", "garden", "home", "homelab", "sensor", "mqtt",
        "zigbee", "modbus", "lora", "drone", "robot", "kiosk", "signage", "pos", "ticket", "helpdesk",
    ]

    /// Tool words for `noun-tool` and `brand-tool` names (`markdown-editor`).
    static let tools: [String] = [
        "editor", "viewer", "player", "manager", "monitor", "tracker", "studio", "client", "server", "helper",
        "tool", "tools", "kit", "desk", "hub", "lab", "box", "bot", "cli", "gui",
        "daemon", "exporter", "operator", "proxy", "gateway", "agent", "bridge", "converter", "launcher", "indicator",
        "applet", "widget", "browser", "builder", "runner", "checker", "scanner", "recorder", "mixer", "tuner",
        "reader", "writer", "maker", "finder", "cleaner", "switcher", "picker", "shell", "console", "dashboard",
        "notifier", "organizer", "planner", "keeper", "store", "cache", "relay", "router", "balancer", "watcher",
        "inspector", "profiler", "debugger", "formatter", "linter", "compiler", "generator", "sync", "porter", "suite",
    ]

    /// Tokens written in capitals in titles (`json-viewer` → `JSON Viewer`).
    static let acronyms: Set<String> = [
        "vpn", "ssh", "json", "yaml", "csv", "pdf", "irc", "gps", "usb", "dns", "http", "api", "sql", "midi",
        "mqtt", "pos", "cli", "gui", "ldap",
    ]

    /// First names for person publishers.
    static let firstNames: [String] = [
        "maria", "jose", "ana", "luis", "sofia", "mateo", "lucia", "diego", "emma", "noah",
        "olivia", "liam", "ava", "ethan", "mia", "lucas", "amelia", "leo", "chloe", "hugo",
        "ines", "pablo", "clara", "tomas", "elena", "marco", "giulia", "luca", "sara", "paolo",
        "anna", "jonas", "lena", "felix", "mila", "emil", "ida", "oskar", "freya", "nils",
        "aiko", "haruto", "yuki", "sora", "mei", "kenji", "hana", "riku", "wei", "lin",
        "jun", "xin", "min", "hyun", "jiwoo", "seo", "arjun", "priya", "rahul", "ananya",
        "vikram", "divya", "omar", "layla", "yusuf", "amira", "karim", "noor", "david", "tamar",
        "amara", "kofi", "ama", "chidi", "zara", "tunde", "nia", "jabari", "ingrid", "sven",
        "astrid", "bjorn", "katya", "ivan", "olga", "dmitri", "irina", "pavel", "zofia", "jakub",
        "petra", "milan", "eva", "adam", "sean", "niamh", "ciaran", "aoife", "rhys", "carys",
    ]

    /// Family names for person publishers.
    static let lastNames: [String] = [
        "garcia", "santos", "silva", "rossi", "ferrari", "mueller", "schmidt", "weber", "novak", "kowalski",
        "nowak", "horvat", "smith", "jones", "brown", "taylor", "wilson", "evans", "walker", "wright",
        "martin", "bernard", "dubois", "moreau", "laurent", "petit", "jansen", "devries", "bakker", "visser",
        "nielsen", "hansen", "larsen", "andersen", "johansson", "lindqvist", "berg", "virtanen", "korhonen", "tanaka",
        "suzuki", "sato", "takahashi", "watanabe", "kim", "lee", "park", "choi", "chen", "wang",
        "zhang", "liu", "huang", "nguyen", "tran", "pham", "sharma", "patel", "gupta", "singh",
        "reddy", "iyer", "haddad", "khalil", "mansour", "cohen", "levi", "mizrahi", "okafor", "mensah",
        "adeyemi", "diallo", "kamau", "otieno", "popescu", "ionescu", "petrov", "ivanov", "sokolov", "kuznetsov",
        "papadopoulos", "yilmaz", "kaya", "demir", "murphy", "kelly", "obrien", "byrne", "jenkins", "hughes",
        "costa", "pereira", "oliveira", "almeida", "fernandez", "lopez", "gonzalez", "ramirez", "torres", "flores",
    ]

    /// Organisation stems (`nimbus-labs`); disjoint from the first names.
    static let orgStems: [String] = [
        "acme", "bitforge", "cloudwright", "datanest", "edgeworks", "fluxcode", "gridline", "hexagon", "ironbark", "jetstream",
        "kernelcraft", "lightbeam", "mosaic", "northwind", "opencell", "pinecone", "quantic", "redshift", "sandstone", "tinkerbox",
        "upstream", "vectorfield", "wavelength", "xenial", "yellowfin", "zenith", "arcadia", "bluefin", "coppertop", "deltaform",
        "everbright", "firelight", "greenfield", "highland", "inkwell", "jumpstart", "keystone", "longboat", "moonrise", "nightowl",
        "orchard", "paperplane", "quicksand", "riverbend", "skylark", "tidepool", "undertow", "vantage", "westward", "yardstick",
    ]

    /// Organisation suffixes, paired with `orgStems`.
    static let orgSuffixes: [(username: String, display: String)] = [
        ("labs", "Labs"), ("software", "Software"), ("io", "IO"), ("systems", "Systems"), ("dev", "Developers"),
        ("studio", "Studio"), ("project", "Project"), ("foundation", "Foundation"), ("team", "Team"), ("hq", "HQ"),
    ]
}
