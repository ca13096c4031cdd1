package cn.onehall.systemtests;

import java.net.CookieManager;
import java.net.CookieStore;
import java.net.HttpCookie;
import java.net.URI;
import java.util.List;

/**
 * Browsers treat http://localhost as a secure context and send Secure cookies to it (Keycloak marks its session
 * cookies Secure); Java's cookie manager does not, so this store does what the browser does, for localhost only.
 */
final class LocalhostCookieStore implements CookieStore {

    private final CookieStore delegate = new CookieManager().getCookieStore();

    @Override
    public void add(URI uri, HttpCookie cookie) {
        if (uri != null && "localhost".equals(uri.getHost())) {
            cookie.setSecure(false);
        }
        delegate.add(uri, cookie);
    }

    @Override
    public List<HttpCookie> get(URI uri) {
        return delegate.get(uri);
    }

    @Override
    public List<HttpCookie> getCookies() {
        return delegate.getCookies();
    }

    @Override
    public List<URI> getURIs() {
        return delegate.getURIs();
    }

    @Override
    public boolean remove(URI uri, HttpCookie cookie) {
        return delegate.remove(uri, cookie);
    }

    @Override
    public boolean removeAll() {
        return delegate.removeAll();
    }
}
