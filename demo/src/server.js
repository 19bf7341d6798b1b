// An Express server for the checkout - with the session and error-handling mistakes the guide warns about.
const express = require('express');
const session = require('express-session');
const https = require('https');
const crypto = require('crypto');
const jwt = require('jsonwebtoken');

const app = express();

// Flagged: a hard-coded session secret, and sessions that never time out.
app.use(session({ secret: 'keyboard cat', resave: false, saveUninitialized: false }));

// Flagged: certificate validation turned off for every call through this agent.
const agent = new https.Agent({ rejectUnauthorized: false });

// Flagged: DES, and a static IV.
function encryptCard(number) {
  const key = crypto.randomBytes(8);
  const cipher = crypto.createCipheriv('des-cbc', key, Buffer.alloc(8));
  return Buffer.concat([cipher.update(number), cipher.final()]);
}

app.post('/checkout', async (req, res) => {
  // Flagged: the whole request body, card number included, goes to the log.
  console.log('checkout', req.body);
  try {
    // Flagged: a cookie without Secure, HttpOnly or SameSite.
    res.cookie('session_token', jwt.sign({ user: req.body.user }, process.env.JWT_SECRET));
    res.json({ ok: true, card: encryptCard(req.body.cardNumber).toString('base64'), agent: Boolean(agent) });
  } catch (err) {
    // Flagged: the exception's details are sent to the client.
    res.status(500).json({ error: err.message });
  }
});

module.exports = app;
