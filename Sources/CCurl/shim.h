#ifndef BUDGETAI_CCURL_SHIM_H
#define BUDGETAI_CCURL_SHIM_H
#include <curl/curl.h>

/* curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call: these wrappers fix the argument
   type of each kind of option (a long, a pointer, a string list, a read callback). */

/* Body reader: libcurl's CURLOPT_READFUNCTION signature. */
typedef size_t (*budgetai_curl_read_callback)(char *buffer, size_t size, size_t count, void *context);

static inline CURLcode budgetai_curl_set_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode budgetai_curl_set_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode budgetai_curl_set_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode budgetai_curl_set_list(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode budgetai_curl_set_read_function(CURL *handle, budgetai_curl_read_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_READFUNCTION, callback);
}

static inline CURLcode budgetai_curl_get_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

#endif
