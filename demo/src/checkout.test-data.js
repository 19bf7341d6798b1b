// Fine: published test card numbers are not flagged.
const testCards = ['4242424242424242', '5555555555554444'];

module.exports = { testCards };
