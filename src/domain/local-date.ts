/** An ISO calendar date, `YYYY-MM-DD`, with no zone: it becomes an instant only in a recipient's zone. */
export type LocalDate = string;
