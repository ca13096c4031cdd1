/**
 * Check algorithms for the codes of national standards (GB 11643 ID numbers, GB 32100 credit codes, GB/T 2260 region
 * codes, ISO/IEC 7064 MOD 37,36 and electronic licence identifiers), each kept in one class so a mistake is corrected in
 * one place, and the Bean Validation constraints built on them.
 */
package cn.onehall.starter.codes;
