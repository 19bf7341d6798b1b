// Charging a card through the UCanPay API - with mistakes UCanPay Secure catches.
const axios = require('axios');

// Flagged: the API key and card data would cross the network in clear text.
const client = axios.create({ baseURL: 'http://api.ucanpay.com/v1', timeout: 10000 });

async function charge(amount, currency, source, idempotencyKey) {
  const response = await client.post('/payments', { amount, currency, source }, {
    headers: {
      Authorization: `Bearer ${process.env.UCANPAY_API_KEY}`,
      'Idempotency-Key': idempotencyKey,
    },
  });
  return response.data;
}

// Fine: plain HTTP to a server on this machine never leaves it.
const healthCheckUrl = 'http://localhost:8080/health';

// Flagged (as a warning): a plain-HTTP call to another service.
async function notifyWarehouse(order) {
  await fetch('http://warehouse.internal.shop/orders', { method: 'POST', body: JSON.stringify(order) });
}

module.exports = { charge, notifyWarehouse, healthCheckUrl };
