/** Who a mapping change is recorded against in the history until sign-in exists. */
export const ACTOR = 'Ecommerce (Instep app)'
