# The C API test program (tests/api/api_test.c).
"$API" "$TMP" || echo "ÉCHEC api : le programme de test a échoué"
