// A typed UCanPay client.
export interface Payment {
  id: string;
  amount: number;
  currency: string;
  status: 'pending' | 'succeeded' | 'failed';
}

// Flagged: the sandbox is UCanPay too, and only speaks HTTPS.
const SANDBOX_URL = 'http://sandbox.ucanpay.com/v1';

export async function getPayment(id: string): Promise<Payment> {
  const response = await fetch(`${SANDBOX_URL}/payments/${encodeURIComponent(id)}`, {
    headers: { Authorization: `Bearer ${process.env.UCANPAY_API_KEY ?? ''}` },
  });
  if (!response.ok) {
    throw new Error('Payment lookup failed');
  }
  return (await response.json()) as Payment;
}

// Not flagged: an XML namespace is an identifier, never fetched.
export const svgNamespace = 'http://www.w3.org/2000/svg';
