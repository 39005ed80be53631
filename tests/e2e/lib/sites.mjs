// Host -> path -> fixture file (tests/fixtures/). '*' is the fallback path of a host.
// Every hostname here is served by the local fixture server only (tests never leave loopback).
export const SITES = {
  // (a) URL embeds the official domain: micard.co.jp.●●●●.com (the attack pattern in MI Card's own notice).
  'micard.co.jp.kwtqq.com': {
    '/': 'micard-phish-login.html',
    '/app/login': 'micard-phish-login.html',
    '/card': 'micard-phish-card.html',
  },
  // (b) an unrelated host whose card-information page claims to be MI Card (title, logo alt, heading, © line).
  'secure-verify-center.com': { '/card': 'micard-phish-card.html', '/': 'micard-phish-card.html' },
  // (d) a second phishing origin with the same kit: trusting the first must not trust this one.
  'account-verify-support.net': { '/card': 'micard-phish-card.html' },
  // (c) MI Card's real login host (an input host of the official domain).
  'www1.micard.co.jp': { '/app/login': 'micard-official-login.html', '/': 'micard-official-login.html' },
  // (e) card PIN + card number, no brand claimed.
  'card-member-check.com': { '/verify': 'card-pin-generic.html', '/': 'card-pin-generic.html' },
  // Neutral merchant checkout (card fields, no brand claim, HTTPS, posts to itself).
  'www.hanamizuki-zakka.jp': { '/checkout': 'merchant-checkout.html', '/': 'merchant-checkout.html' },
  // A page with no fields at all.
  'www.kurashi-recipe.jp': { '/': 'no-fields.html', '*': 'no-fields.html' },
};

export const URLS = {
  urlLevelPhish: 'https://micard.co.jp.kwtqq.com/',
  contentPhish: 'https://secure-verify-center.com/card',
  contentPhish2: 'https://account-verify-support.net/card',
  officialLogin: 'https://www1.micard.co.jp/app/login',
  pinNoBrand: 'https://card-member-check.com/verify',
  merchant: 'https://www.hanamizuki-zakka.jp/checkout',
  noFields: 'https://www.kurashi-recipe.jp/',
};
