import type { Rule } from '../rule';
import { cardNumberInCode } from './cardNumberInCode';

/** Compliance with Security Standards (PCI DSS, GDPR): cardholder data in the code base. */
export const complianceRules: readonly Rule[] = [cardNumberInCode];
