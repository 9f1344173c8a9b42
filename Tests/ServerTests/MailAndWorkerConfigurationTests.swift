import Domain
import Server
import Testing

/// SMTP_URL, MAIL_FROM and WORKER_ENABLED: defaults, parsing, and one-line refusals.
@Suite struct MailAndWorkerConfigurationTests {
    @Test func defaultsKeepMailInTheOutboxAndRunTheWorkerInServe() throws {
        let configuration = try AppConfiguration.parse(environment: [:])
        #expect(configuration.smtp == nil)
        #expect(configuration.mailFrom == MailboxAddress(address: "no-reply@localhost", displayName: "Budget AI"))
        #expect(configuration.workerEnabled)
    }

    @Test func valuesAreParsed() throws {
        let configuration = try AppConfiguration.parse(environment: [
            "SMTP_URL": "smtp://mailer:secret@mail.example.com:587?starttls=required", "MAIL_FROM": "Books <books@example.com>",
            "WORKER_ENABLED": "FALSE",
        ])
        #expect(configuration.smtp?.security == .startTLSRequired && configuration.smtp?.port == 587 && configuration.smtp?.password == "secret")
        #expect(configuration.mailFrom == MailboxAddress(address: "books@example.com", displayName: "Books"))
        #expect(!configuration.workerEnabled)
    }

    @Test func badValuesStopWithOneLine() {
        let cases = [
            ("SMTP_URL", "mail.example.com:25", "configuration error: SMTP_URL: the URL "),
            ("SMTP_URL", "smtp://host?starttls=maybe", "configuration error: SMTP_URL: the URL has starttls=maybe; use starttls=required"),
            ("MAIL_FROM", "Budget AI", "configuration error: MAIL_FROM: \"Budget AI\" is not an address"),
            ("WORKER_ENABLED", "yes", "configuration error: WORKER_ENABLED: \"yes\" is not true or false"),
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
