// Majority vote over final answers: equal answers (answersEqual on normalized forms) pool their votes.
import { answersEqual } from './answers';

export interface AnswerVote {
  /** Normalized answer representing the group (the first one seen). */
  answer: string;
  /** How many ballots named it. */
  count: number;
  /** Indexes of the ballots (samples) that named it. */
  samples: number[];
}

export interface Ballot {
  sample: number;
  /** Normalized final answer; undefined when the sample has none (it does not vote). */
  answer?: string;
}

/** Answer groups, most votes first (ties: the answer seen first). */
export function tallyVotes(ballots: Ballot[]): AnswerVote[] {
  const groups: AnswerVote[] = [];
  for (const ballot of ballots) {
    if (ballot.answer === undefined || ballot.answer === '') continue;
    const group = groups.find((g) => answersEqual(g.answer, ballot.answer as string));
    if (group) {
      group.count++;
      group.samples.push(ballot.sample);
    } else {
      groups.push({ answer: ballot.answer, count: 1, samples: [ballot.sample] });
    }
  }
  return groups.map((g, order) => ({ g, order })).sort((a, b) => b.g.count - a.g.count || a.order - b.order).map(({ g }) => g);
}

export interface VoteOutcome {
  /** Ballots of the samples the critic accepted, or of all samples when it accepted none. */
  votedOver: 'accepted' | 'all';
  votes: AnswerVote[];
  /** The winning answer, undefined when no sample had a final answer. */
  answer?: string;
}

/** Critic-filtered majority vote (AutoMathCritique's test-time scaling), falling back to a plain majority. */
export function critiqueWeightedVote(ballots: (Ballot & { accepted: boolean })[]): VoteOutcome {
  const accepted = ballots.filter((b) => b.accepted && b.answer);
  const votedOver = accepted.length > 0 ? 'accepted' : 'all';
  const votes = tallyVotes(votedOver === 'accepted' ? accepted : ballots);
  return { votedOver, votes, answer: votes[0]?.answer };
}
