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
  'www.hanamizuki-zakka.jp': {
    '/checkout': 'merchant-checkout.html', '/': 'merchant-checkout.html',
    // the same shop's checkout with the card form in a payment provider's cross-origin iframe
    '/checkout/psp': 'merchant-psp-checkout.html',
  },
  // A page with no fields at all; /embed: the same harmless site with a cross-origin phishing iframe (ad slot).
  'www.kurashi-recipe.jp': { '/': 'no-fields.html', '/embed': 'frame-host.html', '*': 'no-fields.html' },
  // The shop's checkout on shared hosting (pages.dev): card fields there are `caution`.
  'hanamizuki-shop.pages.dev': { '/checkout': 'merchant-checkout.html', '/': 'merchant-checkout.html' },
  // A phishing page that adds its card form later (fields-later.html).
  'support-notice-center.com': { '/later': 'fields-later.html' },
  // A single-page app: "/" harmless, "/login" (pushState) an MI Card login form.
  'members-portal-app.com': { '/': 'spa.html', '/login': 'spa.html' },
  // Hostile phishing pages fighting the warning: /hostile/<attack> (hostile.html).
  'member-support-desk.com': { '*': 'hostile.html' },
  // Phishing pages that try to take over, cover, shrink or blank out an in-page warning: /takeover/<attack>
  // (takeover.html; issue 15).
  'otoiawase-madoguchi.com': { '*': 'takeover.html' },
  // A webmail (messages open without reloading) with honest and deceptive links.
  'mail.hanamizuki-mail.jp': { '/': 'webmail.html', '*': 'webmail.html' },
  // The same shop checkout on shared hosting (caution), with a script that removes the guard as soon as it appears.
  'hanamizuki-remover.pages.dev': { '/checkout': 'hostile-caution.html' },
  // A harmless contact form among odd frames (about:blank, srcdoc, data:, blob:, frames that vanish) and odd links.
  'www.hinata-seitai.jp': { '/': 'odd-frames.html', '/slow-frame': 'no-fields.html' },
  // A harmless library sign-up page with every shape of fact the content script reads (chromium-facts).
  'www.sakura-toshokan.jp': { '/join': 'facts-shapes.html' },
  // Kit tricks seen in real phishing kits (issue 16), each on a brand-free host of its own.
  'www.yuki-michi.com': { '/signin': 'kit-cyrillic-title.html' },
  'www.sora-mado.com': { '/signin': 'kit-logo-only.html' },
  'www.mori-no-ie.com': { '/secure': 'kit-3ds-no-issuer.html' },
  'www.aki-zora.com': { '/card': 'kit-script-body.html' },
  'www.hana-fubuki.com': { '/unusual': 'kit-lure-button.html' },
  'www.kumo-no-ue.com': { '/member': 'kit-css-labels.html' },
  // Judge the tab (issue 15): a top page that presents itself as MI Card on a host that is not MI Card's, with the
  // card form in a cross-origin iframe from a second host (/verify); the same top page dressed as MI Card only once
  // it has loaded (/late); a top page that names no brand and frames, full size, the MI Card page served from a second
  // host (/wrap).
  'www.kaiin-uketsuke.com': { '/verify': 'frame-claim-top.html', '/late': 'frame-claim-late.html', '/wrap': 'frame-claim-wrapper.html' },
  'secure.kaiin-portal.net': { '/verify': 'frame-claim-top.html' },
  // A payment provider's card form, served for iframes on other sites' pages (no brand named).
  'pay.cardform-cdn.net': { '/form': 'psp-card-form.html' },
  // A login page on shared hosting (caution) that copies what is typed into its address and title (issue 15).
  // /framed: the field is in a frame from another host that passes what is typed to the page, which copies it.
  'mypage-login.pages.dev': { '/signin': 'typed-into-address.html', '/framed': 'typed-into-parent.html', '*': 'typed-into-address.html' },
  'form.widget-cdn.net': { '/subscribe': 'typed-into-frame.html' },
  // Official top pages (where "leave" and "open the official site" go); /pay: a page of the brand's own with a
  // payment provider's card form in an iframe.
  'www.micard.co.jp': { '/pay': 'official-psp-frame.html', '*': 'official-top.html' },
  'www.mizuhobank.co.jp': { '*': 'official-top.html' },
  'www.vpass.ne.jp': { '*': 'official-top.html' },
};

export const URLS = {
  urlLevelPhish: 'https://micard.co.jp.kwtqq.com/',
  contentPhish: 'https://secure-verify-center.com/card',
  contentPhish2: 'https://account-verify-support.net/card',
  officialLogin: 'https://www1.micard.co.jp/app/login',
  pinNoBrand: 'https://card-member-check.com/verify',
  merchant: 'https://www.hanamizuki-zakka.jp/checkout',
  noFields: 'https://www.kurashi-recipe.jp/',
  frameHost: 'https://www.kurashi-recipe.jp/embed',
  caution: 'https://hanamizuki-shop.pages.dev/checkout',
  fieldsLater: 'https://support-notice-center.com/later',
  spa: 'https://members-portal-app.com/',
  hostileCaution: 'https://hanamizuki-remover.pages.dev/checkout',
  hostile: (attack) => `https://member-support-desk.com/hostile/${attack}`,
  takeover: (attack) => `https://otoiawase-madoguchi.com/takeover/${attack}`,
  webmail: 'https://mail.hanamizuki-mail.jp/',
  officialTop: 'https://www.micard.co.jp/',
  oddFrames: 'https://www.hinata-seitai.jp/',
  factsShapes: 'https://www.sakura-toshokan.jp/join',
  kitCyrillic: 'https://www.yuki-michi.com/signin',
  kitLogoOnly: 'https://www.sora-mado.com/signin',
  kit3dsNoIssuer: 'https://www.mori-no-ie.com/secure',
  kitScriptBody: 'https://www.aki-zora.com/card',
  kitLure: 'https://www.hana-fubuki.com/unusual',
  kitCssLabels: 'https://www.kumo-no-ue.com/member',
  frameClaim: 'https://www.kaiin-uketsuke.com/verify',
  frameClaimLate: 'https://www.kaiin-uketsuke.com/late',
  frameClaimWrapped: 'https://www.kaiin-uketsuke.com/wrap',
  pspForm: 'https://pay.cardform-cdn.net/form',
  merchantPsp: 'https://www.hanamizuki-zakka.jp/checkout/psp',
  officialPsp: 'https://www.micard.co.jp/pay',
  typedIntoAddress: 'https://mypage-login.pages.dev/signin',
  typedIntoParent: 'https://mypage-login.pages.dev/framed',
};
