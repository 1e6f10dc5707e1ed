/**
 * What the ERP will accept on a sales order, known before anything is sent: its currencies,
 * asked once per run and only when there is something to post. An order in another currency is
 * held back with an exception instead of being refused by the ERP.
 *
 * Field lengths need no call: the workspace settings cap the prefixes so the order reference
 * (35) and customer number (20) always fit Business Central, and the plan checks a shopper's
 * name (100) and e-mail (80) against its fields.
 */
export interface ErpPostingRules {
  /** ISO codes the ERP accepts (upper case); null when the ERP cannot tell (then only the ERP itself checks) */
  acceptedCurrencies(signal?: AbortSignal): Promise<string[] | null>
}
