import Domain
import Foundation
import GraphQLEngine

extension ExecutableSchema.Builder {
    /// `Query.convert`: reference-rate conversion between any two currencies.
    mutating func bindCurrency() {
        root("Query", "convert") { arguments, request in
            _ = try await request.requireUser()
            guard let from = arguments.string("from").flatMap(Currency.init(code:)), let to = arguments.string("to").flatMap(Currency.init(code:)) else {
                throw LedgerError.badInput("from and to must be ISO 4217 codes.", field: "from")
            }
            let amount = try LedgerService.signedMoney(arguments.string("amount") ?? "", currency: from, field: "amount")
            let day = arguments.day("date") ?? .today
            let table = try await request.services.ledger.rates.rateTable(for: [from, to], from: day, through: day)
            return .money(try table.convertOrThrow(amount, to: to, on: day))
        }
    }
}
