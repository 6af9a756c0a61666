"""The template renderer on its own: SES's Handlebars subset, its errors, and the MIME preview.

Covers variables and nested paths, the missing-attribute error in AWS's wording, the absence of HTML
escaping, ``#if``/``#unless``/``else if``, ``#each`` (lists, objects, ``@index``/``@key``/``@first``/
``@last``, ``this``, ``../``, block parameters), ``#with``, sections, ``@root``, ``lookup``, inline
partials (the developer guide's examples), whitespace control, comments, syntax errors,
``parse_template_data`` and ``mime_message``.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import json
from typing import Any

import pytest

from pytest_ses.core.model import Template
from pytest_ses.core.sending.templates import (
    Rendered,
    RenderingError,
    TemplateDataError,
    TemplateError,
    TemplateSyntaxError,
    check,
    mime_message,
    parse_template_data,
    render,
    render_part,
)

WHEN = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc)


def template(subject: str | None = "s", text: str | None = None, html: str | None = None) -> Template:
    return Template(name="t", subject=subject, text=text, html=html, created=WHEN)


def missing(source: str, data: dict[str, Any]) -> str:
    with pytest.raises(RenderingError) as raised:
        render_part(source, data)
    return str(raised.value)


# --- variables ------------------------------------------------------------------------------------
def test_variables_are_replaced_wherever_they_appear() -> None:
    source = "Dear {{name}}, {{ name }} likes {{favoriteanimal}}."
    assert render_part(source, {"name": "Ana", "favoriteanimal": "owls"}) == "Dear Ana, Ana likes owls."


def test_text_without_tags_and_single_braces_pass_through() -> None:
    assert render_part("some {brace} and } text", {}) == "some {brace} and } text"


def test_nested_paths_reach_several_levels_deep() -> None:
    data = {"contact": {"firstName": "Anaya", "address": {"city": "Bengaluru"}}}
    assert render_part("{{contact.firstName}} in {{contact.address.city}}", data) == "Anaya in Bengaluru"
    assert render_part("{{contact/address/city}}", data) == "Bengaluru"


def test_extra_data_is_ignored() -> None:
    assert render_part("Hi {{name}}", {"name": "Jane", "favoritenumber": "10"}) == "Hi Jane"


def test_a_missing_attribute_fails_with_aws_message() -> None:
    assert missing("Hi {{name}}", {}) == "Attribute 'name' is not present in the rendering data."


def test_the_error_names_the_attribute_as_written() -> None:
    with pytest.raises(RenderingError) as raised:
        render_part("{{contact.lastName}}", {"contact": {"firstName": "A"}})
    assert raised.value.attribute == "contact.lastName"
    assert str(raised.value) == "Attribute 'contact.lastName' is not present in the rendering data."


def test_names_are_case_sensitive() -> None:
    assert missing("{{Name}}", {"name": "x"}) == "Attribute 'Name' is not present in the rendering data."


def test_json_null_counts_as_missing() -> None:
    assert missing("{{name}}", {"name": None}) == "Attribute 'name' is not present in the rendering data."


def test_a_path_through_a_scalar_is_missing() -> None:
    assert (
        missing("{{name.first}}", {"name": "x"}) == "Attribute 'name.first' is not present in the rendering data."
    )


def test_empty_string_is_present() -> None:
    assert render_part("[{{name}}]", {"name": ""}) == "[]"


@pytest.mark.parametrize(
    ("value", "shown"),
    [(42, "42"), (3.5, "3.5"), (True, "true"), (False, "false"), (["a", "b"], '["a","b"]'), ({"k": 1}, '{"k":1}')],
)
def test_non_string_values_print_as_json(value: Any, shown: str) -> None:
    assert render_part("{{v}}", {"v": value}) == shown


def test_html_is_never_escaped() -> None:
    data = {"x": '<b>Tom & "Jerry"</b>'}
    assert render_part("{{x}}|{{{x}}}|{{&x}}", data) == '<b>Tom & "Jerry"</b>|' * 2 + '<b>Tom & "Jerry"</b>'


def test_list_items_by_index_and_length() -> None:
    data = {"items": ["a", "b", "c"]}
    assert render_part("{{items.1}} {{items.[2]}} {{items.length}}", data) == "b c 3"


def test_bracketed_segments_allow_any_key() -> None:
    assert render_part("{{[first name]}}", {"first name": "Ana"}) == "Ana"


# --- conditionals ---------------------------------------------------------------------------------
@pytest.mark.parametrize("value", [False, None, "", 0, 0.0, []])
def test_falsy_values_take_the_else_branch(value: Any) -> None:
    assert render_part("{{#if x}}yes{{else}}no{{/if}}", {"x": value}) == "no"


@pytest.mark.parametrize("value", [True, "0", "false", 1, -1, [0], {}, {"a": 1}])
def test_truthy_values_take_the_main_branch(value: Any) -> None:
    assert render_part("{{#if x}}yes{{else}}no{{/if}}", {"x": value}) == "yes"


def test_if_on_a_missing_attribute_is_false_not_an_error() -> None:
    assert render_part("{{#if subscription}}list{{else}}none{{/if}}", {}) == "none"
    assert render_part("{{#if a.b.c}}x{{/if}}", {"a": {}}) == ""


def test_include_zero_makes_zero_true() -> None:
    assert render_part("{{#if n includeZero=true}}shown{{/if}}", {"n": 0}) == "shown"


def test_unless_is_the_inverse_of_if() -> None:
    source = "{{#unless vip}}regular{{else}}vip{{/unless}}"
    assert render_part(source, {"vip": False}) == "regular"
    assert render_part(source, {"vip": True}) == "vip"


def test_else_if_chains() -> None:
    source = "{{#if a}}A{{else if b}}B{{else unless c}}not C{{else}}C{{/if}}"
    assert render_part(source, {"a": 1}) == "A"
    assert render_part(source, {"b": 1}) == "B"
    assert render_part(source, {}) == "not C"
    assert render_part(source, {"c": 1}) == "C"


def test_caret_is_an_else() -> None:
    assert render_part("{{#if x}}y{{^}}n{{/if}}", {}) == "n"


def test_only_the_branch_taken_needs_its_attributes() -> None:
    assert render_part("{{#if x}}{{absent}}{{else}}ok{{/if}}", {"x": False}) == "ok"


# --- iteration ------------------------------------------------------------------------------------
def test_each_over_objects() -> None:
    data = {"l": [{"obj": "it1"}, {"obj": "it2"}]}
    assert render_part("List:{{#each l}} - {{obj}}{{/each}} and more", data) == "List: - it1 - it2 and more"


def test_each_over_scalars_with_this() -> None:
    assert render_part("{{#each tags}}[{{this}}|{{.}}]{{/each}}", {"tags": ["a", "b"]}) == "[a|a][b|b]"


def test_each_with_this_field_and_position_data() -> None:
    source = "{{#each p}}{{@index}}:{{this.n}}{{#if @first}}(first){{/if}}{{#if @last}}(last){{/if}} {{/each}}"
    assert render_part(source, {"p": [{"n": "a"}, {"n": "b"}, {"n": "c"}]}) == "0:a(first) 1:b 2:c(last) "


def test_each_over_an_object_gives_keys() -> None:
    assert render_part("{{#each m}}{{@key}}={{this}};{{/each}}", {"m": {"x": 1, "y": "two"}}) == "x=1;y=two;"


@pytest.mark.parametrize("data", [{"l": []}, {}, {"l": {}}, {"l": "text"}])
def test_each_over_nothing_renders_its_else(data: dict[str, Any]) -> None:
    assert render_part("{{#each l}}item{{else}}empty{{/each}}", data) == "empty"


def test_nested_each_and_if() -> None:
    source = (
        "{{#each l}} - {{obj}} {{#if name}} post-if {{#each l2}} {{o1}} {{/each}} pre-if-end "
        "{{else}}elsedata{{/if}} post-if {{/each}}"
    )
    data = {"l": [{"obj": "it1", "name": True, "l2": [{"o1": "ob1"}]}, {"obj": "it2", "name": False}]}
    assert render_part(source, data) == " - it1  post-if  ob1  pre-if-end  post-if  - it2 elsedata post-if "


def test_parent_paths_skip_blocks_that_keep_the_context() -> None:
    source = "{{#each items}}{{#if show}}{{../owner}}:{{name}} {{/if}}{{/each}}"
    data = {"owner": "me", "items": [{"name": "a", "show": True}, {"name": "b", "show": False}]}
    assert render_part(source, data) == "me:a "


def test_root_reaches_the_top_from_anywhere() -> None:
    source = "{{#each a}}{{#each b}}{{@root.top}}{{this}}{{/each}}{{/each}}"
    assert render_part(source, {"top": "T", "a": [{"b": [1, 2]}]}) == "T1T2"


def test_block_parameters_name_item_and_index() -> None:
    source = "{{#each people as |person i|}}{{i}}.{{person.name}} {{/each}}"
    assert render_part(source, {"people": [{"name": "A"}, {"name": "B"}]}) == "0.A 1.B "


def test_names_missing_in_an_item_come_from_enclosing_contexts() -> None:
    """Handlebars.java resolves through the context stack (Mustache rule); ``this.`` opts out."""
    source = "{{#each items}}{{name}}@{{company}} {{/each}}"
    assert render_part(source, {"company": "ACME", "items": [{"name": "a"}]}) == "a@ACME "
    with pytest.raises(RenderingError):
        render_part("{{#each items}}{{this.company}}{{/each}}", {"company": "ACME", "items": [{}]})


def test_a_missing_attribute_inside_each_fails() -> None:
    assert (
        missing("{{#each l}}{{y}}{{/each}}", {"l": [{}]}) == "Attribute 'y' is not present in the rendering data."
    )


def test_data_variables_outside_each_are_missing() -> None:
    assert missing("{{@index}}", {}) == "Attribute '@index' is not present in the rendering data."


# --- with, sections, lookup -----------------------------------------------------------------------
def test_with_changes_the_context() -> None:
    source = "{{#with contact}}{{firstName}} ({{../meta.id}}){{else}}nobody{{/with}}"
    assert render_part(source, {"contact": {"firstName": "A"}, "meta": {"id": "7"}}) == "A (7)"
    assert render_part(source, {"meta": {"id": "7"}}) == "nobody"


def test_sections_iterate_lists_enter_objects_and_test_booleans() -> None:
    source = "{{#l}}<{{this}}>{{/l}}{{#o}}{{k}}{{/o}}{{#b}}B{{/b}}{{#none}}never{{/none}}"
    assert render_part(source, {"l": [1, 2], "o": {"k": "K"}, "b": True}) == "<1><2>KB"


def test_inverted_sections_render_when_falsy() -> None:
    source = "{{^items}}no items{{/items}}"
    assert render_part(source, {"items": []}) == "no items"
    assert render_part(source, {"items": [1]}) == ""


def test_lookup_reads_a_dynamic_key() -> None:
    data = {"labels": {"en": "Hello", "de": "Hallo"}, "lang": "de"}
    assert render_part("{{lookup labels lang}}|{{lookup labels 'fr'}}", data) == "Hallo|"


def test_log_prints_nothing() -> None:
    assert render_part("a{{log 'debug' x}}b", {}) == "ab"


# --- inline partials (developer guide, "Creating inline partials") --------------------------------
def test_the_guides_first_inline_partial_example() -> None:
    source = (
        '{{#* inline "fullName"}}{{firstName}}{{#if lastName}} {{lastName}}{{/if}}{{/inline}}\nHi {{> fullName}}!'
    )
    assert render_part(source, {"firstName": "Ana", "lastName": "Ito"}) == "Hi Ana Ito!"
    assert render_part(source, {"firstName": "Ana"}) == "Hi Ana!"


def test_the_guides_partial_used_inside_each() -> None:
    source = (
        '{{#* inline "fullName"}}{{firstName}}{{#if lastName}} {{lastName}}{{/if}}{{/inline~}}\n'
        "<h1>Hello {{> fullName}}!</h1><ul>{{#each friends}}<li>{{> fullName}}</li>{{/each}}</ul>"
    )
    data = {"firstName": "Ana", "lastName": "Ito", "friends": [{"firstName": "Bo", "lastName": "Li"}]}
    assert render_part(source, data) == "<h1>Hello Ana Ito!</h1><ul><li>Bo Li</li></ul>"


def test_a_standalone_inline_partial_drops_only_its_own_lines() -> None:
    source = '{{#*inline "p"}}\nx\n{{/inline}}\n\nHello {{> p}}'
    assert render_part(source, {}) == "\nHello x\n"


def test_a_partial_can_take_a_context() -> None:
    source = '{{#*inline "card"}}[{{name}}]{{/inline}}{{> card owner}}{{> "card" pet}}'
    assert render_part(source, {"owner": {"name": "A"}, "pet": {"name": "B"}}) == "[A][B]"


def test_an_undefined_partial_is_a_syntax_error() -> None:
    with pytest.raises(TemplateSyntaxError, match="The partial fullName could not be found"):
        render_part("Hi {{> fullName}}", {})


def test_partials_are_not_shared_between_parts() -> None:
    shared = template(subject='{{#* inline "p"}}x{{/inline}}\n{{> p}}', text="{{> p}}")
    with pytest.raises(TemplateSyntaxError, match="The partial p could not be found"):
        check(shared)


def test_a_partial_calling_itself_forever_stops() -> None:
    with pytest.raises(TemplateError, match="calls itself"):
        render_part('{{#*inline "loop"}}{{> loop}}{{/inline}}{{> loop}}', {})


def test_a_partial_recursing_over_data_terminates() -> None:
    source = '{{#*inline "node"}}({{name}}{{#each kids}}{{> node}}{{/each}}){{/inline}}{{> node}}'
    tree = {"name": "r", "kids": [{"name": "a", "kids": [{"name": "b", "kids": []}]}]}
    assert render_part(source, tree) == "(r(a(b)))"


# --- whitespace, comments, escapes ----------------------------------------------------------------
def test_block_tags_alone_on_a_line_leave_no_blank_lines() -> None:
    source = "<ul>\n  {{#each items}}\n  <li>{{this}}</li>\n  {{/each}}\n</ul>\n"
    assert render_part(source, {"items": ["a", "b"]}) == "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n"


def test_crlf_lines_are_standalone_too() -> None:
    assert render_part("a\r\n{{#if x}}\r\nb\r\n{{/if}}\r\nc", {"x": 1}) == "a\r\nb\r\nc"


def test_tags_sharing_a_line_with_text_keep_the_whitespace() -> None:
    assert render_part("a {{#if x}}b{{/if}} c\n", {"x": 1}) == "a b c\n"


def test_variables_are_never_standalone() -> None:
    assert render_part("{{a}}\n{{b}}\n", {"a": 1, "b": 2}) == "1\n2\n"


def test_tildes_strip_whitespace_on_their_side() -> None:
    assert render_part("a  \n {{~x~}} \n b", {"x": "X"}) == "aXb"
    assert render_part("a {{~#if x}} b {{/if~}} c", {"x": 1}) == "a b c"


def test_comments_render_nothing() -> None:
    assert render_part("a{{! note }}b{{!-- has }} inside --}}c", {}) == "abc"


def test_a_backslash_escapes_a_mustache() -> None:
    assert render_part("\\{{name}} is {{name}}", {"name": "x"}) == "{{name}} is x"


# --- syntax errors --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("{{#if x}}open", "Unclosed block {{#if x}}"),
        ("text {{/if}}", "Unexpected {{/if}}: no block is open"),
        ("{{#if x}}a{{/each}}", "{{/each}} does not close {{#if x}}"),
        ("{{#if x}}a{{else}}b{{else}}c{{/if}}", "Unexpected {{else}}: a block has one {{else}}"),
        ("{{else}}", "Unexpected {{else}}: no block is open"),
        ("{{name", "Unclosed tag {{name"),
        ("{{}}", "Empty expression in {{}}"),
        ("{{#if}}x{{/if}}", "#if requires exactly one argument: {{#if}}"),
        ("{{#each a b}}x{{/each}}", "#each requires exactly one argument: {{#each a b}}"),
        ("{{#eq a b}}x{{/eq}}", "Unknown helper 'eq' in {{#eq a b}}"),
        ("{{format name}}", "Unknown helper 'format' in {{format name}}"),
        ("{{#if (eq a b)}}x{{/if}}", "Subexpressions are not supported: {{#if (eq a b)}}"),
        ("{{ #if name }}x{{ /if }}", "Invalid path '#if' in {{ #if name }}"),
        ("{{a..b}}", "Invalid path 'a..b' in {{a..b}}"),
        ("{{lookup a}}", "lookup requires two arguments: {{lookup a}}"),
        ('{{#*inline "p"}}x', 'Unclosed inline partial {{#*inline "p"}}'),
        ("{{#*inline p}}x{{/inline}}", "An inline partial needs a quoted name: {{#*inline p}}"),
        ("{{#> layout}}x{{/layout}}", "Partial blocks are not supported: {{#> layout}}"),
    ],
)
def test_syntax_errors_say_what_is_wrong(source: str, message: str) -> None:
    with pytest.raises(TemplateSyntaxError) as raised:
        render_part(source, {"x": 1})
    assert str(raised.value) == message


def test_nesting_is_bounded() -> None:
    with pytest.raises(TemplateSyntaxError, match="nested more than 100 levels"):
        render_part("{{#if x}}" * 101 + "{{/if}}" * 101, {"x": 1})


def test_template_errors_are_value_errors() -> None:
    """Callers that only know ``ValueError`` (JSON problems) still catch every template failure."""
    assert issubclass(TemplateError, ValueError)
    assert issubclass(RenderingError, TemplateError)
    assert issubclass(TemplateSyntaxError, TemplateError)


# --- whole templates ------------------------------------------------------------------------------
def test_render_keeps_absent_parts_absent() -> None:
    rendered = render(template(subject="Hi {{n}}", html="<p>{{n}}</p>"), {"n": "A"})
    assert rendered == Rendered(subject="Hi A", text=None, html="<p>A</p>")


def test_the_guides_preferences_templates() -> None:
    html = (
        "<p>Dear {{contact.firstName}},</p>{{#if subscription}}<ul>{{#each subscription}}<li>{{interest}}</li>"
        "{{/each}}</ul>{{else}}<p>Please update your preferences: ?id={{meta.userId}}</p>{{/if}}"
    )
    shirley = {"meta": {"userId": "1981624758263"}, "contact": {"firstName": "Shirley", "lastName": "Rodriguez"}}
    anaya = {**shirley, "contact": {"firstName": "Anaya"}, "subscription": [{"interest": "Sports"}]}
    preferences = template(subject="Preferences for {{contact.firstName}}", html=html)
    assert render(preferences, anaya).html == "<p>Dear Anaya,</p><ul><li>Sports</li></ul>"
    assert render(preferences, shirley) == Rendered(
        subject="Preferences for Shirley",
        text=None,
        html="<p>Dear Shirley,</p><p>Please update your preferences: ?id=1981624758263</p>",
    )


def test_check_accepts_valid_parts_and_names_the_bad_one() -> None:
    check(template(subject="{{a}}", text="{{#each b}}{{this}}{{/each}}", html=None))
    with pytest.raises(TemplateSyntaxError, match="Unclosed block"):
        check(template(subject="ok", html="{{#if a}}"))


# --- template data --------------------------------------------------------------------------------
def test_template_data_must_be_a_json_object() -> None:
    assert parse_template_data('{ "name":"Alejandro", "n": [1] }') == {"name": "Alejandro", "n": [1]}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "{",
            "Template rendering data is invalid: Expecting property name enclosed in double quotes: "
            "line 1 column 2 (char 1).",
        ),
        ("", "Template rendering data is invalid: Expecting value: line 1 column 1 (char 0)."),
        ("[1, 2]", "Template rendering data is invalid: it must be a JSON object."),
        ('"text"', "Template rendering data is invalid: it must be a JSON object."),
        ('{"a": NaN}', "Template rendering data is invalid: NaN is not valid JSON."),
        (None, "Template rendering data is invalid: it must be a JSON object."),
    ],
)
def test_invalid_template_data_is_reported_clearly(text: Any, message: str) -> None:
    with pytest.raises(TemplateDataError) as raised:
        parse_template_data(text)
    assert str(raised.value) == message


# --- MIME preview ---------------------------------------------------------------------------------
def parsed(message: str) -> email.message.Message:
    assert "\n" not in message.replace("\r\n", "")
    return email.message_from_string(message, policy=email.policy.default)


def test_both_bodies_make_a_multipart_alternative_message() -> None:
    message = mime_message(Rendered("Greetings, John!", "Dear John,\r\nBye", "<h1>Hello John</h1>"), WHEN)
    assert message.startswith(
        "Date: Fri, 02 Jan 2026 03:04:05 +0000\r\nSubject: Greetings, John!\r\nMIME-Version: 1.0\r\n"
    )
    mail = parsed(message)
    assert mail.get_content_type() == "multipart/alternative"
    text, html = mail.iter_parts()
    assert (text.get_content_type(), text["Content-Transfer-Encoding"]) == ("text/plain", "7bit")
    assert text.get_content().replace("\r\n", "\n") == "Dear John,\nBye"
    assert (html.get_content_type(), html.get_content().strip()) == ("text/html", "<h1>Hello John</h1>")


def test_one_body_makes_a_single_part_message() -> None:
    mail = parsed(mime_message(Rendered("S", None, "<p>x</p>"), WHEN))
    assert mail.get_content_type() == "text/html"
    assert mail["Content-Transfer-Encoding"] == "7bit"
    assert mail.get_content().strip() == "<p>x</p>"


def test_non_ascii_is_encoded() -> None:
    mail = parsed(mime_message(Rendered("Grüße", "Größe: 5 €", None), WHEN))
    assert "Subject: =?UTF-8?B?" in mime_message(Rendered("Grüße", "x", None), WHEN)
    assert str(mail["Subject"]) == "Grüße"
    assert mail["Content-Transfer-Encoding"] == "quoted-printable"
    assert mail.get_content().strip() == "Größe: 5 €"


def test_the_preview_is_stable_for_the_same_input() -> None:
    rendered = Rendered("s", "t", "h")
    assert mime_message(rendered, WHEN) == mime_message(rendered, WHEN)
    assert json.dumps(mime_message(rendered, WHEN))  # a plain string, ready for the wire
