// CloudFront Function (cloudfront-js-2.0), viewer request, storefront behaviour only.
//
// The storefront's pages have clean addresses (/product?slug=..., /account, /admin/orders, and
// the emailed /verify-email and /reset-password links); the bucket holds the files the release
// uploads: the page name plus .html, a folder's index.html. The shop's local run maps addresses
// the same way (storefront.StorefrontPages); StorefrontAddressesTest runs this file with node
// against every page of the site, so the two cannot drift.
//
// A function cannot ask S3 whether a key exists, so the folders that have an index page are
// listed here; the same test fails when the site gains a folder with an index.html not listed.

var FOLDERS = ['/admin'];

function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri.charAt(uri.length - 1) === '/') {
    request.uri = uri + 'index.html';
  } else if (FOLDERS.indexOf(uri) !== -1) {
    request.uri = uri + '/index.html';
  } else if (uri.substring(uri.lastIndexOf('/') + 1).indexOf('.') === -1) {
    request.uri = uri + '.html';
  }
  return request;
}
