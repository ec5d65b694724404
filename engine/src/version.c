int mcunet_engine_version(void) { return 1; }
