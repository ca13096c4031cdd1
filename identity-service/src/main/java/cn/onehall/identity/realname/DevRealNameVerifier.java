package cn.onehall.identity.realname;

import org.springframework.stereotype.Component;

import cn.onehall.starter.codes.IdNumber;

/**
 * For a developer's machine and the tests, where no authority can be reached: confirms a valid ID number with a name
 * written in Chinese characters (what the household register holds) and refuses anything else, so both outcomes can
 * be exercised. It proves nothing about the person; a deployment configures a real verifier.
 */
@Component
class DevRealNameVerifier implements RealNameVerifier {

    @Override
    public String name() {
        return "dev";
    }

    @Override
    public boolean verify(String name, String idNumber) {
        return IdNumber.isValid(idNumber) && name != null && name.matches("[\\p{IsHan}·]{2,30}");
    }
}
