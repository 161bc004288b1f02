// libzip, loaded on first use. Debian ships libzip only as a shared library, and loading it
// (with the libcrypto it pulls in) at start-up cost more than a whole no-op rebuild; only
// `--charm-file` needs it, so it is opened with dlopen when a zip is written.
#pragma once
#include <zip.h>

namespace pack {

struct LibzipApi {
  decltype(&zip_open) open;
  decltype(&zip_close) close;
  decltype(&zip_discard) discard;
  decltype(&zip_strerror) strerror;
  decltype(&zip_error_init_with_code) error_init_with_code;
  decltype(&zip_error_strerror) error_strerror;
  decltype(&zip_error_fini) error_fini;
  decltype(&zip_dir_add) dir_add;
  decltype(&zip_source_buffer) source_buffer;
  decltype(&zip_source_free) source_free;
  decltype(&zip_file_add) file_add;
  decltype(&zip_set_file_compression) set_file_compression;
  decltype(&zip_file_set_external_attributes) file_set_external_attributes;
  decltype(&zip_file_set_mtime) file_set_mtime;
};

// Loads libzip once; throws util::BuildError naming the library when it cannot be loaded.
const LibzipApi& libzip();

}  // namespace pack
