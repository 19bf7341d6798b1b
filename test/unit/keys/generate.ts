// One key generator for every test: random per run, never a literal in the repository.
export { generateKey } from '../../harness/mockUcanpay/keys';
