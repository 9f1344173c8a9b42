import Domain
import Server
import Testing

/// SMTP_URL, MAIL_FROM, WORKER_ENABLED and WORKSPACE_POOL_SIZE: defaults, parsing, and one-line refusals.
@Suite struct MailAndWorkerConfigurationTests {
    @Test func defaultsKeepMailInTheOutboxAndRunTheWorkerInServe() throws {
        let configuration = try AppConfiguration.parse(environment: [:])
        #expect(configuration.smtp == nil)
        #expect(configuration.mailFrom == MailboxAddress(address: "no-reply@localhost", displayName: "Budget AI"))
        #expect(configuration.workerEnabled)
        #expect(configuration.workspacePoolSize == 10)
    }

    @Test func valuesAreParsed() throws {
        let configuration = try AppConfiguration.parse(environment: [
            "SMTP_URL": "smtp://mailer:secret@mail.example.com:587?starttls=required", "MAIL_FROM": "Books <books@example.com>",
            "WORKER_ENABLED": "FALSE", "WORKSPACE_POOL_SIZE": "0",
        ])
        #expect(configuration.smtp?.security == .startTLSRequired && configuration.smtp?.port == 587 && configuration.smtp?.password == "secret")
        #expect(configuration.mailFrom == MailboxAddress(address: "books@example.com", displayName: "Books"))
        #expect(!configuration.workerEnabled)
        #expect(configuration.workspacePoolSize == 0)
    }

    @Test func badValuesStopWithOneLine() {
        let cases = [
            ("SMTP_URL", "mail.example.com:25", "configuration error: SMTP_URL: the URL "),
            ("SMTP_URL", "smtp://host?starttls=maybe", "configuration error: SMTP_URL: the URL has starttls=maybe; use starttls=required"),
            ("MAIL_FROM", "Budget AI", "configuration error: MAIL_FROM: \"Budget AI\" is not an address"),
            ("WORKER_ENABLED", "yes", "configuration error: WORKER_ENABLED: \"yes\" is not true or false"),
            ("WORKSPACE_POOL_SIZE", "-1", "configuration error: WORKSPACE_POOL_SIZE: -1 is outside 0-1000"),
            ("WORKSPACE_POOL_SIZE", "ten", "configuration error: WORKSPACE_POOL_SIZE: \"ten\" is not a whole number"),
        ]
        for (name, value, message) in cases {
            #expect {
                try AppConfiguration.parse(environment: [name: value])
            } throws: { error in
                let text = "\(error)"
                return (error as? ConfigurationError)?.variable == name && text.hasPrefix(message) && !text.contains("\n")
            }
        }
    }
}
