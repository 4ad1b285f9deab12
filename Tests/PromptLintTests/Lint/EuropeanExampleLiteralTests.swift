import XCTest

@testable import PromptLint

/// A timestamp a Spanish (or Portuguese, French, Italian, German) prompt gives as an example of a format
/// (`Formato AAAA-MM-DDTHH:MM:SS-05:00. Ejemplo: 2025-07-08T10:15:00-05:00.`), or lists under a bold label
/// naming examples (`- **Ejemplos para contexto (solo como guía)**:`), is written once by the author, like
/// an English `e.g.` (source-holdout23: AissistantPros/walarcon prompt.py lines 243 and 453,
/// Danielrp551/maqui_chatbot prompt/prompt.py lines 72, 115 and 120-123). Own text, in a rendered plain-text prompt: PL002 reads only
/// text sent as it is.
final class EuropeanExampleLiteralTests: XCTestCase {
    private func volatileLiterals(_ lines: String) throws -> [String] {
        let text = "Eres el asistente de citas de una clínica dental.\n\(lines)\n"
            + String(repeating: "Responde siempre en español, con frases cortas y amables, y confirma cada dato antes de guardar la cita.\n", count: 8)
        return try LintTest.volatileLiterals(text)
    }

    func testATimestampAfterAnExampleWordIsAFormat() throws {
        for line in ["El formato es AAAA-MM-DDTHH:MM:SS-05:00. Ejemplo: 2025-07-08T10:15:00-05:00.",
                     "Incluye fecha y hora (ejemplo: 2024-10-28 17:00) para reservar.",
                     "Envie a data completa, por exemplo 2024-10-28 17:00.",
                     "Zum Beispiel 2024-10-28 17:00 für einen Termin am Nachmittag.",
                     "`start_time`: la hora de inicio en formato ISO, ej. \"2025-05-24T09:30:00-05:00\", del horario aceptado"] {
            XCTAssertEqual(try volatileLiterals(line), [], line)
        }
    }

    func testTimestampsListedUnderABoldExamplesLabelAreSampleData() throws {
        for label in ["- **Ejemplos para contexto (solo tómalo como guía)**:", "**Examples of replies (for guidance only):**"] {
            let lines = """
                \(label)
                    - Cliente: "A las 5 estaría bien." → Respuesta: `3) 2024-10-31 17:00`
                    - Cliente: "Mejor a las 7." → Respuesta: `3) 2024-10-31 19:00`
                """
            XCTAssertEqual(try volatileLiterals(lines), [], label)
        }
    }

    func testATimestampStatedAsTheCurrentTimeIsStillFound() throws {
        XCTAssertEqual(try volatileLiterals("La hora actual es 2025-07-08T10:15:00-05:00, úsala para las fechas relativas."),
                       ["PL002@2"])
        let lines = """
            - **Agenda de hoy (no la cambies)**:
                - Consulta reservada: 2024-10-31 17:00
            """
        XCTAssertEqual(try volatileLiterals(lines), ["PL002@3"])
    }
}
