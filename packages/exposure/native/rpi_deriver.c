/*
 * Exposure Notification RPIs of many published keys, for Node programs (the bench, servers, a phone's
 * native shell). Through node:crypto each key costs a cipher object and two calls that outweigh the AES
 * itself; here one call per key runs the HKDF and the AES-128-ECB of its whole rolling period in OpenSSL,
 * the copy Node itself links, so AES-NI is used where the CPU has it.
 *
 * EN cryptography specification v1.2: RPIK = HKDF-SHA256(TEK, salt = none, info = "EN-RPIK", 16 bytes);
 * RPI(j) = AES-128-ECB(RPIK, "EN-RPI" || 6 zero bytes || ENIN(j) little-endian).
 */
#include <node_api.h>
#include <openssl/evp.h>
#include <openssl/sha.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define KEY_LENGTH 16
#define ROLLING_PERIOD 144

/* Per Node environment (each worker thread has its own), so no state is shared between threads. */
typedef struct {
  /* HKDF-Extract with no salt is HMAC keyed with 32 zero bytes: its two padded blocks never change. */
  SHA256_CTX zero_key_inner;
  SHA256_CTX zero_key_outer;
  EVP_CIPHER_CTX *aes;
} Deriver;

static void hmac_pads(SHA256_CTX *inner, SHA256_CTX *outer, const uint8_t *key, size_t key_length) {
  uint8_t block[64];
  memset(block, 0, sizeof block);
  memcpy(block, key, key_length);
  for (size_t i = 0; i < 64; i++) block[i] ^= 0x36;
  SHA256_Init(inner);
  SHA256_Update(inner, block, 64);
  for (size_t i = 0; i < 64; i++) block[i] ^= 0x36 ^ 0x5c;
  SHA256_Init(outer);
  SHA256_Update(outer, block, 64);
}

static void hmac_finish(const SHA256_CTX *inner_pad, const SHA256_CTX *outer_pad, const uint8_t *message, size_t length, uint8_t mac[32]) {
  uint8_t inner_hash[32];
  SHA256_CTX ctx = *inner_pad;
  SHA256_Update(&ctx, message, length);
  SHA256_Final(inner_hash, &ctx);
  ctx = *outer_pad;
  SHA256_Update(&ctx, inner_hash, 32);
  SHA256_Final(mac, &ctx);
}

static void derive_rpik(const Deriver *d, const uint8_t tek[KEY_LENGTH], uint8_t rpik[KEY_LENGTH]) {
  static const uint8_t info_and_counter[8] = {'E', 'N', '-', 'R', 'P', 'I', 'K', 1};
  uint8_t prk[32], okm[32];
  SHA256_CTX inner, outer;
  hmac_finish(&d->zero_key_inner, &d->zero_key_outer, tek, KEY_LENGTH, prk);
  hmac_pads(&inner, &outer, prk, sizeof prk);
  hmac_finish(&inner, &outer, info_and_counter, sizeof info_and_counter, okm);
  memcpy(rpik, okm, KEY_LENGTH);
}

static int derive_rpis(Deriver *d, const uint8_t tek[KEY_LENGTH], uint32_t first, uint32_t count, uint8_t *out) {
  uint8_t rpik[KEY_LENGTH];
  uint8_t padded[ROLLING_PERIOD * 16];
  int written = 0;
  derive_rpik(d, tek, rpik);
  for (uint32_t j = 0; j < count; j++) {
    uint8_t *block = padded + 16 * j;
    uint32_t interval = first + j;
    memcpy(block, "EN-RPI\0\0\0\0\0\0", 12);
    block[12] = (uint8_t)interval;
    block[13] = (uint8_t)(interval >> 8);
    block[14] = (uint8_t)(interval >> 16);
    block[15] = (uint8_t)(interval >> 24);
  }
  return EVP_EncryptInit_ex(d->aes, NULL, NULL, rpik, NULL) == 1 && EVP_EncryptUpdate(d->aes, out, &written, padded, (int)(count * 16)) == 1 && written == (int)(count * 16);
}

static napi_value fail(napi_env env, const char *message) {
  napi_throw_type_error(env, NULL, message);
  return NULL;
}

static int bytes_of(napi_env env, napi_value value, uint8_t **data, size_t *length) {
  napi_typedarray_type type;
  size_t offset;
  napi_value buffer;
  return napi_get_typedarray_info(env, value, &type, length, (void **)data, &buffer, &offset) == napi_ok && type == napi_uint8_array;
}

/* rpis(tek: Uint8Array(16), firstInterval: number, count: 1..144, out: Uint8Array(>= count * 16)): undefined */
static napi_value rpis(napi_env env, napi_callback_info info) {
  size_t argc = 4;
  napi_value argv[4];
  Deriver *d;
  uint8_t *tek, *out;
  size_t tek_length, out_length;
  uint32_t first, count;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc != 4) return fail(env, "rpis(tek, firstInterval, count, out) takes four arguments");
  if (napi_get_instance_data(env, (void **)&d) != napi_ok || d == NULL) return fail(env, "the RPI deriver is not initialised");
  if (!bytes_of(env, argv[0], &tek, &tek_length) || tek_length != KEY_LENGTH) return fail(env, "tek must be a Uint8Array of 16 bytes");
  if (napi_get_value_uint32(env, argv[1], &first) != napi_ok) return fail(env, "firstInterval must be a number");
  if (napi_get_value_uint32(env, argv[2], &count) != napi_ok || count < 1 || count > ROLLING_PERIOD) return fail(env, "count must be 1 to 144");
  if (!bytes_of(env, argv[3], &out, &out_length) || out_length < count * 16) return fail(env, "out must be a Uint8Array of count * 16 bytes or more");
  if (!derive_rpis(d, tek, first, count, out)) return fail(env, "OpenSSL refused the AES-128-ECB operation");
  return NULL;
}

static void release(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  Deriver *d = data;
  EVP_CIPHER_CTX_free(d->aes);
  free(d);
}

NAPI_MODULE_INIT() {
  static const uint8_t no_salt[32] = {0};
  napi_value function;
  Deriver *d = calloc(1, sizeof *d);
  if (d == NULL) return NULL;
  hmac_pads(&d->zero_key_inner, &d->zero_key_outer, no_salt, sizeof no_salt);
  d->aes = EVP_CIPHER_CTX_new();
  if (d->aes == NULL || EVP_EncryptInit_ex(d->aes, EVP_aes_128_ecb(), NULL, NULL, NULL) != 1 || EVP_CIPHER_CTX_set_padding(d->aes, 0) != 1) {
    EVP_CIPHER_CTX_free(d->aes);
    free(d);
    napi_throw_error(env, NULL, "OpenSSL has no AES-128-ECB here");
    return NULL;
  }
  if (napi_set_instance_data(env, d, release, NULL) != napi_ok) return NULL;
  if (napi_create_function(env, "rpis", NAPI_AUTO_LENGTH, rpis, NULL, &function) != napi_ok) return NULL;
  if (napi_set_named_property(env, exports, "rpis", function) != napi_ok) return NULL;
  return exports;
}
