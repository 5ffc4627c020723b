package wslab.checks.rules;

/**
 * The rules of RULES.md, at the top of the kit, by their short names: a letter for the lesson (A for every
 * lesson) and a number. What each says is on that page; a check names the rules it holds a server to with
 * {@link Enforces}, and a failed check cites them.
 */
public enum Rule {
    A1, A2, A3, A4, A5, A6, A7,
    R1, R2, R3, R4, R5,
    E1, E2, E3, E4,
    S1, S2, S3, S4, S5, S6, S7,
    L1, L2, L3, L4, L5, L6,
    W1, W2, W3,
    T1, T2, T3, T4, T5, T6,
    F1, F2, F3, F4,
    N1, N2,
    D1, D2, D3, D4, D5, D6, D7, D8
}
