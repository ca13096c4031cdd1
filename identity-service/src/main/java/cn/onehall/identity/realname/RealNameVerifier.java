package cn.onehall.identity.realname;

/**
 * Checks a name against an ID number with an authority (level L2). The provider (the public-security identity
 * service, a bank-card check…) is a bean of this type chosen by {@code onehall.identity.real-name-verifier}.
 */
public interface RealNameVerifier {

    String name();

    /** @return true when the authority confirms that this name belongs to this ID number */
    boolean verify(String name, String idNumber);
}
