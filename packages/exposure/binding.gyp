{
  "targets": [
    {
      "target_name": "rpi_deriver",
      "sources": ["native/rpi_deriver.c"],
      "defines": ["NAPI_VERSION=8"],
      "cflags": ["-O2", "-Wall", "-Wno-deprecated-declarations"]
    }
  ]
}
