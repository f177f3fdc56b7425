"""Every phrase key the skill says, with its placeholders: GENERATED from content/en/phrases/*.toml
by content/keygen.py (`make phrase-keys`); do not edit. tests/test_phrase_types.py fails while stale.

``Phrasing.words``/``say`` take a key of one family below and exactly that family's placeholders
as keyword arguments (any other placeholder a phrase uses may be passed too, for a key picked among
several), so mypy refuses an unknown key or a missing placeholder; the loader refuses a phrase file
with a key not listed here, or a text whose placeholders are not its key's."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal, TypeAlias, overload

from content import speech

PHRASES: dict[str, frozenset[str]] = {
    "launch_new": frozenset(),
    "launch_new_reprompt": frozenset(),
    "launch_returning": frozenset(['streak_words']),
    "launch_returning_done": frozenset(['streak_words']),
    "launch_returning_fresh": frozenset(),
    "launch_reprompt": frozenset(),
    "tonight_offer": frozenset(['intro', 'minutes', 'name']),
    "another_offer": frozenset(['intro', 'minutes', 'name']),
    "tonight_done_already": frozenset(),
    "start_reprompt": frozenset(['name']),
    "start_question": frozenset(['name']),
    "declined": frozenset(),
    "completed_first_day": frozenset(['name']),
    "completed_streak": frozenset(['streak_words']),
    "completed_record": frozenset(['streak_words']),
    "completed_rest_day": frozenset(['streak_words']),
    "completed_fresh_start": frozenset(),
    "completed_fresh_start_explained": frozenset(),
    "completed_again_today": frozenset(['streak_words']),
    "unnamed_practice": frozenset(),
    "completed_anything_else": frozenset(),
    "streak_status": frozenset(['longest_words', 'streak_words']),
    "streak_status_done_tonight": frozenset(['longest_words', 'streak_words']),
    "streak_none": frozenset(),
    "help": frozenset(),
    "help_reprompt": frozenset(),
    "goodbye": frozenset(),
    "signoff": frozenset(),
    "fallback": frozenset(),
    "fallback_reprompt": frozenset(),
    "not_understood": frozenset(),
    "error": frozenset(),
    "error_reprompt": frozenset(),
    "store_unavailable": frozenset(),
    "store_outcome_unknown": frozenset(),
    "store_outcome_unknown_gratitude": frozenset(),
    "couple_gone": frozenset(),
    "store_outcome_unknown_reprompt": frozenset(),
    "store_unavailable_not_saved": frozenset(),
    "not_caught": frozenset(),
    "what_next": frozenset(),
    "repeat_nothing": frozenset(),
    "stay_in_practice": frozenset(),
    "resume_here": frozenset(),
    "paused": frozenset(),
    "paused_walk": frozenset(),
    "paused_nothing": frozenset(),
    "help_in_launched": frozenset(),
    "help_in_offered": frozenset(),
    "help_in_guiding": frozenset(),
    "help_in_reason": frozenset(),
    "help_in_overview": frozenset(),
    "help_in_explained": frozenset(),
    "help_in_grat_names": frozenset(),
    "help_in_grat_confirm_names": frozenset(),
    "help_in_grat_turn": frozenset(),
    "help_in_grat_offer": frozenset(),
    "help_in_summary_more": frozenset(),
    "help_in_reminder_offer": frozenset(),
    "help_in_confirm_delete": frozenset(),
    "help_in_confirm_delete_mine": frozenset(),
    "card_tonight_title": frozenset(['title']),
    "card_tonight": frozenset(['intro', 'minutes']),
    "count_days_one": frozenset(['n']),
    "count_days_many": frozenset(['n']),
    "count_minutes_one": frozenset(['n']),
    "count_minutes_many": frozenset(['n']),
    "count_practices_one": frozenset(['n']),
    "count_practices_many": frozenset(['n']),
    "count_turns_each_one": frozenset(),
    "count_turns_each_many": frozenset(['n']),
    "word_gratitudes_one": frozenset(),
    "word_gratitudes_many": frozenset(),
    "grat_activity_name": frozenset(),
    "grat_ask_names": frozenset(),
    "grat_ask_names_reprompt": frozenset(),
    "grat_names_gone": frozenset(),
    "grat_names_again": frozenset(),
    "grat_confirm_two": frozenset(['first', 'second']),
    "grat_confirm_one": frozenset(['first']),
    "grat_confirm_reprompt": frozenset(),
    "grat_names_retry": frozenset(),
    "grat_names_retry_partner": frozenset(),
    "grat_ask_partner": frozenset(['name']),
    "grat_ask_partner_reprompt": frozenset(),
    "grat_start": frozenset(['each_words']),
    "grat_each_set": frozenset(['each_words']),
    "grat_ask": frozenset(['name', 'partner']),
    "grat_reprompt": frozenset(['name', 'partner']),
    "grat_again": frozenset(['name', 'partner']),
    "grat_ask_again_after_error": frozenset(['name']),
    "grat_move_on": frozenset(),
    "grat_skipped": frozenset(),
    "grat_thanks": frozenset(['name']),
    "grat_not_saved": frozenset(),
    "grat_round_done": frozenset(['count', 'entries', 'streak_words']),
    "grat_round_done_rest_day": frozenset(['count', 'entries', 'streak_words']),
    "grat_round_done_not_counted": frozenset(['count', 'entries']),
    "grat_round_empty": frozenset(),
    "grat_stopped": frozenset(['count', 'entries']),
    "grat_stopped_none": frozenset(),
    "grat_not_in_round": frozenset(),
    "grat_offer_reprompt": frozenset(),
    "grat_nothing_to_resume": frozenset(),
    "grat_already_done": frozenset(),
    "grat_resumed": frozenset(['count', 'entries']),
    "grat_resumed_none": frozenset(),
    "grat_resumed_same": frozenset(),
    "grat_declined": frozenset(),
    "input_too_long": frozenset(),
    "input_too_long_reprompt": frozenset(),
    "reason_answer": frozenset(['text', 'title']),
    "reason_offer": frozenset(),
    "reasons_intro": frozenset(['emotional', 'physical']),
    "reason_reprompt": frozenset(),
    "steps_intro": frozenset(['count', 'groups']),
    "steps_more": frozenset(),
    "steps_offer": frozenset(),
    "steps_reprompt": frozenset(),
    "step_heading": frozenset(['number', 'title']),
    "step_out_of_range": frozenset(['count']),
    "step_out_of_range_reprompt": frozenset(),
    "exercise_heading": frozenset(['title']),
    "explain_offer_exercise": frozenset(['exercise']),
    "explain_offer_self": frozenset(),
    "explain_offer_exercise_self": frozenset(),
    "explain_reprompt": frozenset(['name']),
    "explain_more": frozenset(['intro', 'minutes']),
    "explain_unknown": frozenset(),
    "explain_unknown_reprompt": frozenset(),
    "browse_end": frozenset(),
    "browse_at_start": frozenset(),
    "browse_nothing": frozenset(),
    "browse_nothing_reprompt": frozenset(),
    "browse_resume": frozenset(),
    "browse_declined": frozenset(),
    "explain_declined": frozenset(),
    "walk_opening": frozenset(['count', 'name']),
    "walk_opening_resumed": frozenset(['count']),
    "walk_step": frozenset(['number']),
    "walk_next": frozenset(),
    "walk_timed": frozenset(['minutes']),
    "walk_timed_again": frozenset(['minutes']),
    "walk_hold_rest": frozenset(),
    "walk_halfway": frozenset(),
    "walk_time_left": frozenset(['minutes']),
    "walk_ready": frozenset(),
    "walk_finish": frozenset(),
    "walk_finish_reprompt": frozenset(),
    "walk_finish_wait": frozenset(),
    "walk_reprompt": frozenset(),
    "walk_where": frozenset(['count', 'name', 'number']),
    "walk_resume": frozenset(['name']),
    "walk_wait": frozenset(),
    "walk_step_out_of_range": frozenset(['count', 'name']),
    "walk_stopped": frozenset(),
    "card_steps_title": frozenset(),
    "hold_lead": frozenset(),
    "grat_ask_after_hold": frozenset(['name', 'partner']),
    "grat_ask_other": frozenset(['name', 'partner']),
    "grat_example": frozenset(),
    "grat_again_asked": frozenset(),
    "grat_why": frozenset(),
    "grat_held_off": frozenset(),
    "q_hold": frozenset(['question']),
    "q_example": frozenset(['question']),
    "q_why": frozenset(['question']),
    "q_held_off": frozenset(['question']),
    "q_reveal_named": frozenset(['first', 'first_words', 'second', 'second_words']),
    "delete_confirm_linked_reprompt": frozenset(['partner']),
    "delete_scope": frozenset(),
    "delete_scope_linked": frozenset(['partner']),
    "delete_scope_mine": frozenset(['partner']),
    "delete_scope_asked": frozenset(),
    "delete_scope_asked_linked": frozenset(['partner']),
    "link_code": frozenset(['code_digits']),
    "link_already": frozenset(),
    "join_ask_code": frozenset(),
    "join_ask_code_reprompt": frozenset(),
    "join_done": frozenset(['streak_words']),
    "join_done_fresh": frozenset(),
    "join_wrong": frozenset(),
    "join_wrong_reprompt": frozenset(),
    "join_expired": frozenset(),
    "join_throttled": frozenset(),
    "join_busy": frozenset(),
    "join_own_code": frozenset(),
    "join_already_linked": frozenset(),
    "join_taken": frozenset(),
    "unlink_done": frozenset(['streak_words']),
    "unlink_not_linked": frozenset(),
    "delete_confirm": frozenset(),
    "delete_confirm_reprompt": frozenset(),
    "delete_done": frozenset(),
    "delete_done_close": frozenset(),
    "delete_reminder_stopped": frozenset(),
    "delete_reminder_not_stopped": frozenset(),
    "delete_reminder_partner": frozenset(['partner']),
    "delete_confirm_linked": frozenset(['partner']),
    "delete_confirm_mine": frozenset(['partner']),
    "delete_confirm_mine_reprompt": frozenset(),
    "delete_mine_done": frozenset(['partner']),
    "delete_mine_close": frozenset(),
    "partner_unnamed": frozenset(),
    "delete_kept": frozenset(),
    "card_link_title": frozenset(),
    "card_link": frozenset(['code']),
    "q_talk": frozenset(['question']),
    "q_talk_reprompt": frozenset(),
    "q_apart": frozenset(['question']),
    "q_answer_reprompt": frozenset(),
    "q_again": frozenset(['question']),
    "q_another": frozenset(['question']),
    "q_keep_theirs": frozenset(['question']),
    "q_keep_mine": frozenset(),
    "q_another_enough": frozenset(['question']),
    "q_not_caught": frozenset(['question']),
    "q_kept_wait": frozenset(),
    "q_kept_both": frozenset(),
    "q_hear_reprompt": frozenset(),
    "q_not_sure": frozenset(),
    "q_not_kept": frozenset(),
    "q_answer_unlinked": frozenset(),
    "q_answer_none": frozenset(),
    "q_reveal": frozenset(['mine', 'theirs']),
    "q_both_answered": frozenset(),
    "q_answered_wait": frozenset(),
    "q_wait_partner": frozenset(),
    "q_wait_you": frozenset(['question']),
    "q_hear_none": frozenset(),
    "q_hear_unlinked": frozenset(),
    "q_hear_later": frozenset(),
    "q_talk_done": frozenset(),
    "q_answer_later": frozenset(),
    "help_in_q_talk": frozenset(),
    "help_in_q_answer": frozenset(),
    "help_in_q_hear": frozenset(),
    "card_question_title": frozenset(),
    "reminder_text": frozenset(),
    "reminder_set": frozenset(['when', 'when_capital']),
    "reminder_changed": frozenset(['when']),
    "reminder_already": frozenset(['when']),
    "reminder_busy": frozenset(),
    "reminder_stopped": frozenset(),
    "reminder_none": frozenset(),
    "reminder_partner_has": frozenset(['partner_capital', 'when']),
    "reminder_partner_still": frozenset(['partner_capital', 'when']),
    "reminder_none_partner": frozenset(['partner_capital', 'when']),
    "reminder_offer": frozenset(['partner_capital', 'when']),
    "reminder_offer_at": frozenset(['partner_capital', 'wanted', 'when']),
    "reminder_offer_question": frozenset(['wanted']),
    "reminder_offer_declined": frozenset(),
    "reminder_stop_in_app": frozenset(),
    "reminder_unavailable": frozenset(),
    "reminder_unsure": frozenset(),
    "reminder_unsure_check": frozenset(),
    "reminder_when_morning": frozenset(['clock']),
    "reminder_when_noon": frozenset(),
    "reminder_when_afternoon": frozenset(['clock']),
    "reminder_when_evening": frozenset(['clock']),
    "reminder_when_midnight": frozenset(),
    "reminder_when_night": frozenset(['clock']),
    "reminder_permission_ask": frozenset(),
    "reminder_permission_card": frozenset(),
    "reminder_which_time": frozenset(),
    "reminder_which_time_reprompt": frozenset(),
    "reminder_left_stopped": frozenset(),
    "reminder_left_in_app": frozenset(),
    "summary_empty": frozenset(['focus_cap', 'which']),
    "summary_empty_before": frozenset(['which']),
    "summary_days_named": frozenset(['days', 'named', 'practices', 'which']),
    "summary_days": frozenset(['days', 'practices', 'which']),
    "summary_no_practice": frozenset(['which']),
    "summary_streak": frozenset(['streak_words']),
    "summary_streak_record": frozenset(['streak_words']),
    "summary_gratitudes": frozenset(['count', 'entries']),
    "summary_no_gratitudes": frozenset(),
    "summary_suggest_round": frozenset(),
    "summary_readback": frozenset(['name', 'words']),
    "summary_focus": frozenset(['focus']),
    "summary_more": frozenset(),
    "summary_more_reprompt": frozenset(),
    "summary_this_week": frozenset(),
    "summary_last_week": frozenset(),
    "summary_more_than": frozenset(['count']),
    "card_week_title_this": frozenset(['dates']),
    "card_week_title_last": frozenset(['dates']),
    "card_week_dates": frozenset(['first', 'last']),
    "card_week_active": frozenset(['days']),
    "card_week_practices": frozenset(['count']),
    "card_week_practices_named": frozenset(['count', 'named']),
    "card_week_streak": frozenset(['longest', 'streak']),
    "card_week_gratitudes": frozenset(['count']),
    "card_week_readback": frozenset(['name', 'partner', 'words']),
    "card_week_focus": frozenset(['intro', 'title']),
    "card_week_suggest_round": frozenset(),
}

PhraseKey: TypeAlias = Literal[
    "launch_new",
    "launch_new_reprompt",
    "launch_returning",
    "launch_returning_done",
    "launch_returning_fresh",
    "launch_reprompt",
    "tonight_offer",
    "another_offer",
    "tonight_done_already",
    "start_reprompt",
    "start_question",
    "declined",
    "completed_first_day",
    "completed_streak",
    "completed_record",
    "completed_rest_day",
    "completed_fresh_start",
    "completed_fresh_start_explained",
    "completed_again_today",
    "unnamed_practice",
    "completed_anything_else",
    "streak_status",
    "streak_status_done_tonight",
    "streak_none",
    "help",
    "help_reprompt",
    "goodbye",
    "signoff",
    "fallback",
    "fallback_reprompt",
    "not_understood",
    "error",
    "error_reprompt",
    "store_unavailable",
    "store_outcome_unknown",
    "store_outcome_unknown_gratitude",
    "couple_gone",
    "store_outcome_unknown_reprompt",
    "store_unavailable_not_saved",
    "not_caught",
    "what_next",
    "repeat_nothing",
    "stay_in_practice",
    "resume_here",
    "paused",
    "paused_walk",
    "paused_nothing",
    "help_in_launched",
    "help_in_offered",
    "help_in_guiding",
    "help_in_reason",
    "help_in_overview",
    "help_in_explained",
    "help_in_grat_names",
    "help_in_grat_confirm_names",
    "help_in_grat_turn",
    "help_in_grat_offer",
    "help_in_summary_more",
    "help_in_reminder_offer",
    "help_in_confirm_delete",
    "help_in_confirm_delete_mine",
    "card_tonight_title",
    "card_tonight",
    "count_days_one",
    "count_days_many",
    "count_minutes_one",
    "count_minutes_many",
    "count_practices_one",
    "count_practices_many",
    "count_turns_each_one",
    "count_turns_each_many",
    "word_gratitudes_one",
    "word_gratitudes_many",
    "grat_activity_name",
    "grat_ask_names",
    "grat_ask_names_reprompt",
    "grat_names_gone",
    "grat_names_again",
    "grat_confirm_two",
    "grat_confirm_one",
    "grat_confirm_reprompt",
    "grat_names_retry",
    "grat_names_retry_partner",
    "grat_ask_partner",
    "grat_ask_partner_reprompt",
    "grat_start",
    "grat_each_set",
    "grat_ask",
    "grat_reprompt",
    "grat_again",
    "grat_ask_again_after_error",
    "grat_move_on",
    "grat_skipped",
    "grat_thanks",
    "grat_not_saved",
    "grat_round_done",
    "grat_round_done_rest_day",
    "grat_round_done_not_counted",
    "grat_round_empty",
    "grat_stopped",
    "grat_stopped_none",
    "grat_not_in_round",
    "grat_offer_reprompt",
    "grat_nothing_to_resume",
    "grat_already_done",
    "grat_resumed",
    "grat_resumed_none",
    "grat_resumed_same",
    "grat_declined",
    "input_too_long",
    "input_too_long_reprompt",
    "reason_answer",
    "reason_offer",
    "reasons_intro",
    "reason_reprompt",
    "steps_intro",
    "steps_more",
    "steps_offer",
    "steps_reprompt",
    "step_heading",
    "step_out_of_range",
    "step_out_of_range_reprompt",
    "exercise_heading",
    "explain_offer_exercise",
    "explain_offer_self",
    "explain_offer_exercise_self",
    "explain_reprompt",
    "explain_more",
    "explain_unknown",
    "explain_unknown_reprompt",
    "browse_end",
    "browse_at_start",
    "browse_nothing",
    "browse_nothing_reprompt",
    "browse_resume",
    "browse_declined",
    "explain_declined",
    "walk_opening",
    "walk_opening_resumed",
    "walk_step",
    "walk_next",
    "walk_timed",
    "walk_timed_again",
    "walk_hold_rest",
    "walk_halfway",
    "walk_time_left",
    "walk_ready",
    "walk_finish",
    "walk_finish_reprompt",
    "walk_finish_wait",
    "walk_reprompt",
    "walk_where",
    "walk_resume",
    "walk_wait",
    "walk_step_out_of_range",
    "walk_stopped",
    "card_steps_title",
    "hold_lead",
    "grat_ask_after_hold",
    "grat_ask_other",
    "grat_example",
    "grat_again_asked",
    "grat_why",
    "grat_held_off",
    "q_hold",
    "q_example",
    "q_why",
    "q_held_off",
    "q_reveal_named",
    "delete_confirm_linked_reprompt",
    "delete_scope",
    "delete_scope_linked",
    "delete_scope_mine",
    "delete_scope_asked",
    "delete_scope_asked_linked",
    "link_code",
    "link_already",
    "join_ask_code",
    "join_ask_code_reprompt",
    "join_done",
    "join_done_fresh",
    "join_wrong",
    "join_wrong_reprompt",
    "join_expired",
    "join_throttled",
    "join_busy",
    "join_own_code",
    "join_already_linked",
    "join_taken",
    "unlink_done",
    "unlink_not_linked",
    "delete_confirm",
    "delete_confirm_reprompt",
    "delete_done",
    "delete_done_close",
    "delete_reminder_stopped",
    "delete_reminder_not_stopped",
    "delete_reminder_partner",
    "delete_confirm_linked",
    "delete_confirm_mine",
    "delete_confirm_mine_reprompt",
    "delete_mine_done",
    "delete_mine_close",
    "partner_unnamed",
    "delete_kept",
    "card_link_title",
    "card_link",
    "q_talk",
    "q_talk_reprompt",
    "q_apart",
    "q_answer_reprompt",
    "q_again",
    "q_another",
    "q_keep_theirs",
    "q_keep_mine",
    "q_another_enough",
    "q_not_caught",
    "q_kept_wait",
    "q_kept_both",
    "q_hear_reprompt",
    "q_not_sure",
    "q_not_kept",
    "q_answer_unlinked",
    "q_answer_none",
    "q_reveal",
    "q_both_answered",
    "q_answered_wait",
    "q_wait_partner",
    "q_wait_you",
    "q_hear_none",
    "q_hear_unlinked",
    "q_hear_later",
    "q_talk_done",
    "q_answer_later",
    "help_in_q_talk",
    "help_in_q_answer",
    "help_in_q_hear",
    "card_question_title",
    "reminder_text",
    "reminder_set",
    "reminder_changed",
    "reminder_already",
    "reminder_busy",
    "reminder_stopped",
    "reminder_none",
    "reminder_partner_has",
    "reminder_partner_still",
    "reminder_none_partner",
    "reminder_offer",
    "reminder_offer_at",
    "reminder_offer_question",
    "reminder_offer_declined",
    "reminder_stop_in_app",
    "reminder_unavailable",
    "reminder_unsure",
    "reminder_unsure_check",
    "reminder_when_morning",
    "reminder_when_noon",
    "reminder_when_afternoon",
    "reminder_when_evening",
    "reminder_when_midnight",
    "reminder_when_night",
    "reminder_permission_ask",
    "reminder_permission_card",
    "reminder_which_time",
    "reminder_which_time_reprompt",
    "reminder_left_stopped",
    "reminder_left_in_app",
    "summary_empty",
    "summary_empty_before",
    "summary_days_named",
    "summary_days",
    "summary_no_practice",
    "summary_streak",
    "summary_streak_record",
    "summary_gratitudes",
    "summary_no_gratitudes",
    "summary_suggest_round",
    "summary_readback",
    "summary_focus",
    "summary_more",
    "summary_more_reprompt",
    "summary_this_week",
    "summary_last_week",
    "summary_more_than",
    "card_week_title_this",
    "card_week_title_last",
    "card_week_dates",
    "card_week_active",
    "card_week_practices",
    "card_week_practices_named",
    "card_week_streak",
    "card_week_gratitudes",
    "card_week_readback",
    "card_week_focus",
    "card_week_suggest_round",
]
# Counted words: ``count(key, n)`` says ``<key>_one`` or ``<key>_many`` with {n}.
CountKey: TypeAlias = Literal[
    "count_days",
    "count_minutes",
    "count_practices",
    "count_turns_each",
    "word_gratitudes",
]

Plain: TypeAlias = Literal[
    "launch_new",
    "launch_new_reprompt",
    "launch_returning_fresh",
    "launch_reprompt",
    "tonight_done_already",
    "declined",
    "completed_fresh_start",
    "completed_fresh_start_explained",
    "unnamed_practice",
    "completed_anything_else",
    "streak_none",
    "help",
    "help_reprompt",
    "goodbye",
    "signoff",
    "fallback",
    "fallback_reprompt",
    "not_understood",
    "error",
    "error_reprompt",
    "store_unavailable",
    "store_outcome_unknown",
    "store_outcome_unknown_gratitude",
    "couple_gone",
    "store_outcome_unknown_reprompt",
    "store_unavailable_not_saved",
    "not_caught",
    "what_next",
    "repeat_nothing",
    "stay_in_practice",
    "resume_here",
    "paused",
    "paused_walk",
    "paused_nothing",
    "help_in_launched",
    "help_in_offered",
    "help_in_guiding",
    "help_in_reason",
    "help_in_overview",
    "help_in_explained",
    "help_in_grat_names",
    "help_in_grat_confirm_names",
    "help_in_grat_turn",
    "help_in_grat_offer",
    "help_in_summary_more",
    "help_in_reminder_offer",
    "help_in_confirm_delete",
    "help_in_confirm_delete_mine",
    "count_turns_each_one",
    "word_gratitudes_one",
    "word_gratitudes_many",
    "grat_activity_name",
    "grat_ask_names",
    "grat_ask_names_reprompt",
    "grat_names_gone",
    "grat_names_again",
    "grat_confirm_reprompt",
    "grat_names_retry",
    "grat_names_retry_partner",
    "grat_ask_partner_reprompt",
    "grat_move_on",
    "grat_skipped",
    "grat_not_saved",
    "grat_round_empty",
    "grat_stopped_none",
    "grat_not_in_round",
    "grat_offer_reprompt",
    "grat_nothing_to_resume",
    "grat_already_done",
    "grat_resumed_none",
    "grat_resumed_same",
    "grat_declined",
    "input_too_long",
    "input_too_long_reprompt",
    "reason_offer",
    "reason_reprompt",
    "steps_more",
    "steps_offer",
    "steps_reprompt",
    "step_out_of_range_reprompt",
    "explain_offer_self",
    "explain_offer_exercise_self",
    "explain_unknown",
    "explain_unknown_reprompt",
    "browse_end",
    "browse_at_start",
    "browse_nothing",
    "browse_nothing_reprompt",
    "browse_resume",
    "browse_declined",
    "explain_declined",
    "walk_next",
    "walk_hold_rest",
    "walk_halfway",
    "walk_ready",
    "walk_finish",
    "walk_finish_reprompt",
    "walk_finish_wait",
    "walk_reprompt",
    "walk_wait",
    "walk_stopped",
    "card_steps_title",
    "hold_lead",
    "grat_example",
    "grat_again_asked",
    "grat_why",
    "grat_held_off",
    "delete_scope",
    "delete_scope_asked",
    "link_already",
    "join_ask_code",
    "join_ask_code_reprompt",
    "join_done_fresh",
    "join_wrong",
    "join_wrong_reprompt",
    "join_expired",
    "join_throttled",
    "join_busy",
    "join_own_code",
    "join_already_linked",
    "join_taken",
    "unlink_not_linked",
    "delete_confirm",
    "delete_confirm_reprompt",
    "delete_done",
    "delete_done_close",
    "delete_reminder_stopped",
    "delete_reminder_not_stopped",
    "delete_confirm_mine_reprompt",
    "delete_mine_close",
    "partner_unnamed",
    "delete_kept",
    "card_link_title",
    "q_talk_reprompt",
    "q_answer_reprompt",
    "q_keep_mine",
    "q_kept_wait",
    "q_kept_both",
    "q_hear_reprompt",
    "q_not_sure",
    "q_not_kept",
    "q_answer_unlinked",
    "q_answer_none",
    "q_both_answered",
    "q_answered_wait",
    "q_wait_partner",
    "q_hear_none",
    "q_hear_unlinked",
    "q_hear_later",
    "q_talk_done",
    "q_answer_later",
    "help_in_q_talk",
    "help_in_q_answer",
    "help_in_q_hear",
    "card_question_title",
    "reminder_text",
    "reminder_busy",
    "reminder_stopped",
    "reminder_none",
    "reminder_offer_declined",
    "reminder_stop_in_app",
    "reminder_unavailable",
    "reminder_unsure",
    "reminder_unsure_check",
    "reminder_when_noon",
    "reminder_when_midnight",
    "reminder_permission_ask",
    "reminder_permission_card",
    "reminder_which_time",
    "reminder_which_time_reprompt",
    "reminder_left_stopped",
    "reminder_left_in_app",
    "summary_no_gratitudes",
    "summary_suggest_round",
    "summary_more",
    "summary_more_reprompt",
    "summary_this_week",
    "summary_last_week",
    "card_week_suggest_round",
]
Says_streak_words: TypeAlias = Literal[
    "launch_returning",
    "launch_returning_done",
    "completed_streak",
    "completed_record",
    "completed_rest_day",
    "completed_again_today",
    "join_done",
    "unlink_done",
    "summary_streak",
    "summary_streak_record",
]
Says_intro_minutes_name: TypeAlias = Literal[
    "tonight_offer",
    "another_offer",
]
Says_name: TypeAlias = Literal[
    "start_reprompt",
    "start_question",
    "completed_first_day",
    "grat_ask_partner",
    "grat_ask_again_after_error",
    "grat_thanks",
    "explain_reprompt",
    "walk_resume",
]
Says_longest_words_streak_words: TypeAlias = Literal[
    "streak_status",
    "streak_status_done_tonight",
]
Says_title: TypeAlias = Literal[
    "card_tonight_title",
    "exercise_heading",
]
Says_intro_minutes: TypeAlias = Literal[
    "card_tonight",
    "explain_more",
]
Says_n: TypeAlias = Literal[
    "count_days_one",
    "count_days_many",
    "count_minutes_one",
    "count_minutes_many",
    "count_practices_one",
    "count_practices_many",
    "count_turns_each_many",
]
Says_first_second: TypeAlias = Literal[
    "grat_confirm_two",
]
Says_first: TypeAlias = Literal[
    "grat_confirm_one",
]
Says_each_words: TypeAlias = Literal[
    "grat_start",
    "grat_each_set",
]
Says_name_partner: TypeAlias = Literal[
    "grat_ask",
    "grat_reprompt",
    "grat_again",
    "grat_ask_after_hold",
    "grat_ask_other",
]
Says_count_entries_streak_words: TypeAlias = Literal[
    "grat_round_done",
    "grat_round_done_rest_day",
]
Says_count_entries: TypeAlias = Literal[
    "grat_round_done_not_counted",
    "grat_stopped",
    "grat_resumed",
    "summary_gratitudes",
]
Says_text_title: TypeAlias = Literal[
    "reason_answer",
]
Says_emotional_physical: TypeAlias = Literal[
    "reasons_intro",
]
Says_count_groups: TypeAlias = Literal[
    "steps_intro",
]
Says_number_title: TypeAlias = Literal[
    "step_heading",
]
Says_count: TypeAlias = Literal[
    "step_out_of_range",
    "walk_opening_resumed",
    "summary_more_than",
    "card_week_practices",
    "card_week_gratitudes",
]
Says_exercise: TypeAlias = Literal[
    "explain_offer_exercise",
]
Says_count_name: TypeAlias = Literal[
    "walk_opening",
    "walk_step_out_of_range",
]
Says_number: TypeAlias = Literal[
    "walk_step",
]
Says_minutes: TypeAlias = Literal[
    "walk_timed",
    "walk_timed_again",
    "walk_time_left",
]
Says_count_name_number: TypeAlias = Literal[
    "walk_where",
]
Says_question: TypeAlias = Literal[
    "q_hold",
    "q_example",
    "q_why",
    "q_held_off",
    "q_talk",
    "q_apart",
    "q_again",
    "q_another",
    "q_keep_theirs",
    "q_another_enough",
    "q_not_caught",
    "q_wait_you",
]
Says_first_first_words_second_second_words: TypeAlias = Literal[
    "q_reveal_named",
]
Says_partner: TypeAlias = Literal[
    "delete_confirm_linked_reprompt",
    "delete_scope_linked",
    "delete_scope_mine",
    "delete_scope_asked_linked",
    "delete_reminder_partner",
    "delete_confirm_linked",
    "delete_confirm_mine",
    "delete_mine_done",
]
Says_code_digits: TypeAlias = Literal[
    "link_code",
]
Says_code: TypeAlias = Literal[
    "card_link",
]
Says_mine_theirs: TypeAlias = Literal[
    "q_reveal",
]
Says_when_when_capital: TypeAlias = Literal[
    "reminder_set",
]
Says_when: TypeAlias = Literal[
    "reminder_changed",
    "reminder_already",
]
Says_partner_capital_when: TypeAlias = Literal[
    "reminder_partner_has",
    "reminder_partner_still",
    "reminder_none_partner",
    "reminder_offer",
]
Says_partner_capital_wanted_when: TypeAlias = Literal[
    "reminder_offer_at",
]
Says_wanted: TypeAlias = Literal[
    "reminder_offer_question",
]
Says_clock: TypeAlias = Literal[
    "reminder_when_morning",
    "reminder_when_afternoon",
    "reminder_when_evening",
    "reminder_when_night",
]
Says_focus_cap_which: TypeAlias = Literal[
    "summary_empty",
]
Says_which: TypeAlias = Literal[
    "summary_empty_before",
    "summary_no_practice",
]
Says_days_named_practices_which: TypeAlias = Literal[
    "summary_days_named",
]
Says_days_practices_which: TypeAlias = Literal[
    "summary_days",
]
Says_name_words: TypeAlias = Literal[
    "summary_readback",
]
Says_focus: TypeAlias = Literal[
    "summary_focus",
]
Says_dates: TypeAlias = Literal[
    "card_week_title_this",
    "card_week_title_last",
]
Says_first_last: TypeAlias = Literal[
    "card_week_dates",
]
Says_days: TypeAlias = Literal[
    "card_week_active",
]
Says_count_named: TypeAlias = Literal[
    "card_week_practices_named",
]
Says_longest_streak: TypeAlias = Literal[
    "card_week_streak",
]
Says_name_partner_words: TypeAlias = Literal[
    "card_week_readback",
]
Says_intro_title: TypeAlias = Literal[
    "card_week_focus",
]


class Phrasing:
    """Typed access to the phrases: a class that says them (``intents.base.Turn``) implements
    ``phrase``: the text of ``key`` (a variant picked for ``rotation``) with ``values`` filled in."""

    def phrase(self, key: str, rotation: int, values: Mapping[str, object]) -> str:
        raise NotImplementedError

    @overload
    def words(self, key: Plain, rotation: int = -1, *, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def words(self, key: Says_streak_words, rotation: int = -1, *, streak_words: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def words(self, key: Says_intro_minutes_name, rotation: int = -1, *, intro: object, minutes: object, name: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., n: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def words(self, key: Says_name, rotation: int = -1, *, name: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def words(self, key: Says_longest_words_streak_words, rotation: int = -1, *, longest_words: object, streak_words: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def words(self, key: Says_title, rotation: int = -1, *, title: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def words(self, key: Says_intro_minutes, rotation: int = -1, *, intro: object, minutes: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def words(self, key: Says_n, rotation: int = -1, *, n: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def words(self, key: Says_first_second, rotation: int = -1, *, first: object, second: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def words(self, key: Says_first, rotation: int = -1, *, first: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def words(self, key: Says_each_words, rotation: int = -1, *, each_words: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def words(self, key: Says_name_partner, rotation: int = -1, *, name: object, partner: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., named: object = ..., number: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def words(self, key: Says_count_entries_streak_words, rotation: int = -1, *, count: object, entries: object, streak_words: object, clock: object = ..., code: object = ..., code_digits: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def words(self, key: Says_count_entries, rotation: int = -1, *, count: object, entries: object, clock: object = ..., code: object = ..., code_digits: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def words(self, key: Says_text_title, rotation: int = -1, *, text: object, title: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., theirs: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def words(self, key: Says_emotional_physical, rotation: int = -1, *, emotional: object, physical: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def words(self, key: Says_count_groups, rotation: int = -1, *, count: object, groups: object, clock: object = ..., code: object = ..., code_digits: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def words(self, key: Says_number_title, rotation: int = -1, *, number: object, title: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def words(self, key: Says_count, rotation: int = -1, *, count: object, clock: object = ..., code: object = ..., code_digits: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def words(self, key: Says_exercise, rotation: int = -1, *, exercise: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def words(self, key: Says_count_name, rotation: int = -1, *, count: object, name: object, clock: object = ..., code: object = ..., code_digits: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def words(self, key: Says_number, rotation: int = -1, *, number: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def words(self, key: Says_minutes, rotation: int = -1, *, minutes: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def words(self, key: Says_count_name_number, rotation: int = -1, *, count: object, name: object, number: object, clock: object = ..., code: object = ..., code_digits: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., named: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def words(self, key: Says_question, rotation: int = -1, *, question: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def words(self, key: Says_first_first_words_second_second_words, rotation: int = -1, *, first: object, first_words: object, second: object, second_words: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def words(self, key: Says_partner, rotation: int = -1, *, partner: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def words(self, key: Says_code_digits, rotation: int = -1, *, code_digits: object, clock: object = ..., code: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def words(self, key: Says_code, rotation: int = -1, *, code: object, clock: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def words(self, key: Says_mine_theirs, rotation: int = -1, *, mine: object, theirs: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def words(self, key: Says_when_when_capital, rotation: int = -1, *, when: object, when_capital: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def words(self, key: Says_when, rotation: int = -1, *, when: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def words(self, key: Says_partner_capital_when, rotation: int = -1, *, partner_capital: object, when: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def words(self, key: Says_partner_capital_wanted_when, rotation: int = -1, *, partner_capital: object, wanted: object, when: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def words(self, key: Says_wanted, rotation: int = -1, *, wanted: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def words(self, key: Says_clock, rotation: int = -1, *, clock: object, code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def words(self, key: Says_focus_cap_which, rotation: int = -1, *, focus_cap: object, which: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., words: object = ...) -> str: ...

    @overload
    def words(self, key: Says_which, rotation: int = -1, *, which: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., words: object = ...) -> str: ...

    @overload
    def words(self, key: Says_days_named_practices_which, rotation: int = -1, *, days: object, named: object, practices: object, which: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., words: object = ...) -> str: ...

    @overload
    def words(self, key: Says_days_practices_which, rotation: int = -1, *, days: object, practices: object, which: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., words: object = ...) -> str: ...

    @overload
    def words(self, key: Says_name_words, rotation: int = -1, *, name: object, words: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ...) -> str: ...

    @overload
    def words(self, key: Says_focus, rotation: int = -1, *, focus: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def words(self, key: Says_dates, rotation: int = -1, *, dates: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def words(self, key: Says_first_last, rotation: int = -1, *, first: object, last: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def words(self, key: Says_days, rotation: int = -1, *, days: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def words(self, key: Says_count_named, rotation: int = -1, *, count: object, named: object, clock: object = ..., code: object = ..., code_digits: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def words(self, key: Says_longest_streak, rotation: int = -1, *, longest: object, streak: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def words(self, key: Says_name_partner_words, rotation: int = -1, *, name: object, partner: object, words: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., named: object = ..., number: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ...) -> str: ...

    @overload
    def words(self, key: Says_intro_title, rotation: int = -1, *, intro: object, title: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    def words(self, key: PhraseKey, rotation: int = -1, **values: object) -> str:
        """A phrase as plain text (cards; speech through ``say``)."""
        return self.phrase(key, rotation, values)

    @overload
    def say(self, key: Plain, rotation: int = -1, *, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def say(self, key: Says_streak_words, rotation: int = -1, *, streak_words: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def say(self, key: Says_intro_minutes_name, rotation: int = -1, *, intro: object, minutes: object, name: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., n: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def say(self, key: Says_name, rotation: int = -1, *, name: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def say(self, key: Says_longest_words_streak_words, rotation: int = -1, *, longest_words: object, streak_words: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def say(self, key: Says_title, rotation: int = -1, *, title: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def say(self, key: Says_intro_minutes, rotation: int = -1, *, intro: object, minutes: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def say(self, key: Says_n, rotation: int = -1, *, n: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def say(self, key: Says_first_second, rotation: int = -1, *, first: object, second: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def say(self, key: Says_first, rotation: int = -1, *, first: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def say(self, key: Says_each_words, rotation: int = -1, *, each_words: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def say(self, key: Says_name_partner, rotation: int = -1, *, name: object, partner: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., named: object = ..., number: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def say(self, key: Says_count_entries_streak_words, rotation: int = -1, *, count: object, entries: object, streak_words: object, clock: object = ..., code: object = ..., code_digits: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def say(self, key: Says_count_entries, rotation: int = -1, *, count: object, entries: object, clock: object = ..., code: object = ..., code_digits: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def say(self, key: Says_text_title, rotation: int = -1, *, text: object, title: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., theirs: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def say(self, key: Says_emotional_physical, rotation: int = -1, *, emotional: object, physical: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def say(self, key: Says_count_groups, rotation: int = -1, *, count: object, groups: object, clock: object = ..., code: object = ..., code_digits: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def say(self, key: Says_number_title, rotation: int = -1, *, number: object, title: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def say(self, key: Says_count, rotation: int = -1, *, count: object, clock: object = ..., code: object = ..., code_digits: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def say(self, key: Says_exercise, rotation: int = -1, *, exercise: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def say(self, key: Says_count_name, rotation: int = -1, *, count: object, name: object, clock: object = ..., code: object = ..., code_digits: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def say(self, key: Says_number, rotation: int = -1, *, number: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def say(self, key: Says_minutes, rotation: int = -1, *, minutes: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def say(self, key: Says_count_name_number, rotation: int = -1, *, count: object, name: object, number: object, clock: object = ..., code: object = ..., code_digits: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., named: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def say(self, key: Says_question, rotation: int = -1, *, question: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def say(self, key: Says_first_first_words_second_second_words, rotation: int = -1, *, first: object, first_words: object, second: object, second_words: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def say(self, key: Says_partner, rotation: int = -1, *, partner: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def say(self, key: Says_code_digits, rotation: int = -1, *, code_digits: object, clock: object = ..., code: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def say(self, key: Says_code, rotation: int = -1, *, code: object, clock: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def say(self, key: Says_mine_theirs, rotation: int = -1, *, mine: object, theirs: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def say(self, key: Says_when_when_capital, rotation: int = -1, *, when: object, when_capital: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def say(self, key: Says_when, rotation: int = -1, *, when: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def say(self, key: Says_partner_capital_when, rotation: int = -1, *, partner_capital: object, when: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def say(self, key: Says_partner_capital_wanted_when, rotation: int = -1, *, partner_capital: object, wanted: object, when: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def say(self, key: Says_wanted, rotation: int = -1, *, wanted: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def say(self, key: Says_clock, rotation: int = -1, *, clock: object, code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def say(self, key: Says_focus_cap_which, rotation: int = -1, *, focus_cap: object, which: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., words: object = ...) -> str: ...

    @overload
    def say(self, key: Says_which, rotation: int = -1, *, which: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., words: object = ...) -> str: ...

    @overload
    def say(self, key: Says_days_named_practices_which, rotation: int = -1, *, days: object, named: object, practices: object, which: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., words: object = ...) -> str: ...

    @overload
    def say(self, key: Says_days_practices_which, rotation: int = -1, *, days: object, practices: object, which: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., words: object = ...) -> str: ...

    @overload
    def say(self, key: Says_name_words, rotation: int = -1, *, name: object, words: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ...) -> str: ...

    @overload
    def say(self, key: Says_focus, rotation: int = -1, *, focus: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def say(self, key: Says_dates, rotation: int = -1, *, dates: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def say(self, key: Says_first_last, rotation: int = -1, *, first: object, last: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def say(self, key: Says_days, rotation: int = -1, *, days: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def say(self, key: Says_count_named, rotation: int = -1, *, count: object, named: object, clock: object = ..., code: object = ..., code_digits: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def say(self, key: Says_longest_streak, rotation: int = -1, *, longest: object, streak: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    @overload
    def say(self, key: Says_name_partner_words, rotation: int = -1, *, name: object, partner: object, words: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., intro: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., named: object = ..., number: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., title: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ...) -> str: ...

    @overload
    def say(self, key: Says_intro_title, rotation: int = -1, *, intro: object, title: object, clock: object = ..., code: object = ..., code_digits: object = ..., count: object = ..., dates: object = ..., days: object = ..., each_words: object = ..., emotional: object = ..., entries: object = ..., exercise: object = ..., first: object = ..., first_words: object = ..., focus: object = ..., focus_cap: object = ..., groups: object = ..., last: object = ..., longest: object = ..., longest_words: object = ..., mine: object = ..., minutes: object = ..., n: object = ..., name: object = ..., named: object = ..., number: object = ..., partner: object = ..., partner_capital: object = ..., physical: object = ..., practices: object = ..., question: object = ..., second: object = ..., second_words: object = ..., streak: object = ..., streak_words: object = ..., text: object = ..., theirs: object = ..., wanted: object = ..., when: object = ..., when_capital: object = ..., which: object = ..., words: object = ...) -> str: ...

    def say(self, key: PhraseKey, rotation: int = -1, **values: object) -> str:
        """``words`` escaped for SSML (values are escaped with it)."""
        return speech.text(self.phrase(key, rotation, values))

    def count(self, key: CountKey, n: int) -> str:
        """``n`` of something in words ("1 day", "3 days"): ``<key>_one`` or ``<key>_many`` with {n}."""
        return self.phrase(speech.counted(key, n), -1, {"n": n})
