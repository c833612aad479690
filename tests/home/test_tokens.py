"""The one-time link tokens shared by speakers' and focal points' invitations."""

from home.tokens import hash_token, new_salt, token_for_salt


def test_a_token_is_bound_to_its_purpose_and_salt():
    salt = new_salt()

    speaker = token_for_salt(salt, purpose="speakers.invitation")

    assert speaker == token_for_salt(salt, purpose="speakers.invitation")
    assert speaker != token_for_salt(salt, purpose="delegations.invitation")
    assert speaker != token_for_salt(new_salt(), purpose="speakers.invitation")


def test_a_token_depends_on_the_secret_key(settings):
    salt = new_salt()
    before = token_for_salt(salt, purpose="delegations.invitation")

    settings.SECRET_KEY = "another secret key, long enough for the test"

    assert token_for_salt(salt, purpose="delegations.invitation") != before


def test_the_stored_hash_is_the_sha256_of_the_token():
    assert hash_token("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
