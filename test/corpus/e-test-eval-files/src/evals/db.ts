/** Storage of the team's quarterly evaluations (an application feature, not a test folder). */
export interface Review {
  employeeId: string;
  quarter: string;
  summary: string;
}

const reviews = new Map<string, Review>();

export async function saveReview(review: Review): Promise<void> {
  reviews.set(`${review.employeeId}:${review.quarter}`, review);
}
