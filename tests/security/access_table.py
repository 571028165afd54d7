"""Who may do what on every URL of the site: one row per URL name, sorted by name.

Each row maps a method to the outcome for each role, in the order of tests/security/world.py's
ROLES:

    anonymous  participant_a  participant_b  door_staff  viewer  other_owner  owner
    program_editor  registration_desk  project_registrar  protocol_officer

An outcome is the status code answered, or `login` for a redirect to the sign-in page. A
participant uses their own private link where a URL has one, with participant A's objects
(their meeting request, their seat); everyone else uses a link that is nobody's. A new URL
needs its row here (test_access fails naming it) and, if it has new arguments, their values in
world.py.
"""

# A POST that needs confirming (core/confirm.py) answers 200 with the confirmation page.
# Columns:  anonymous, participant A, participant B, door staff, viewer, another forum's owner,
#           owner, program editor, registration desk, project registrar, protocol officer.
ACCESS: dict[str, dict[str, str]] = {
    "api:api-root": {
        "GET": "404   404   404   404   404   404   404   404   404   404   404",
    },
    "api:change_session": {
        "PATCH": "401   401   401   403   403   403   200   200   403   403   403",
    },
    "api:create_checkin": {
        "POST": "401   401   401   201   403   403   201   403   403   403   403",
    },
    "api:create_registration": {
        "POST": "201   201   201   201   201   201   201   201   201   201   201",
    },
    "api:create_session": {
        "POST": "401   401   401   403   403   403   201   201   403   403   403",
    },
    "api:forum_calendar": {
        "GET": "200   200   200   200   200   200   200   200   200   200   200",
    },
    "api:frab_json": {
        "GET": "200   200   200   200   200   200   200   200   200   200   200",
    },
    "api:frab_xml": {
        "GET": "200   200   200   200   200   200   200   200   200   200   200",
    },
    "api:get_forum": {
        "GET": "200   200   200   200   200   200   200   200   200   200   200",
    },
    "api:list_forums": {
        "GET": "200   200   200   200   200   200   200   200   200   200   200",
    },
    "api:list_sessions": {
        "GET": "200   200   200   200   200   200   200   200   200   200   200",
    },
    "api:meeting_figures": {
        "GET": "401   401   401   200   200   403   200   200   200   200   200",
    },
    "api:openapi-json": {
        "GET": "200   200   200   200   200   200   200   200   200   200   200",
    },
    "api:openapi-view": {
        "GET": "200   200   200   200   200   200   200   200   200   200   200",
    },
    "api:project_stats": {
        "GET": "200   200   200   200   200   200   200   200   200   200   200",
    },
    "api:projects_csv": {
        "GET": "200   200   200   200   200   200   200   200   200   200   200",
    },
    "api:projects_iati": {
        "GET": "200   200   200   200   200   200   200   200   200   200   200",
    },
    "api:projects_json": {
        "GET": "200   200   200   200   200   200   200   200   200   200   200",
    },
    "api:projects_xlsx": {
        "GET": "200   200   200   200   200   200   200   200   200   200   200",
    },
    "api:remove_session": {
        "DELETE": "401   401   401   403   403   403   409   409   403   403   403",
    },
    "api:report": {
        "GET": "200   200   200   200   200   200   200   200   200   200   200",
    },
    "api:search_forum": {
        "GET": "200   200   200   200   200   200   200   200   200   200   200",
    },
    "api:session_calendar": {
        "GET": "200   200   200   200   200   200   200   200   200   200   200",
    },
    "badges:badge": {
        "GET": "404   200   200   404   404   404   404   404   404   404   404",
        "POST": "404   200   200   404   404   404   404   404   404   404   404",
    },
    "badges:batch": {
        "GET": "login login login 403   403   403   200   403   200   403   403",
        "POST": "login login login 403   403   403   200   403   200   403   403",
    },
    "badges:batch_pdf": {
        "GET": "login login login 403   403   403   200   403   200   403   403",
    },
    "badges:batches": {
        "GET": "login login login 403   403   403   200   403   200   403   403",
        "POST": "login login login 403   403   403   200   403   200   403   403",
    },
    "core:accept_invitation": {
        "GET": "200   200   200   200   200   200   200   200   200   200   200",
        "POST": "200   200   200   302   302   302   302   302   302   302   302",
    },
    "core:audit": {
        "GET": "login login login 403   200   403   200   403   403   403   403",
        "POST": "login login login 403   200   403   200   403   403   403   403",
    },
    "core:grant_role": {
        "GET": "login login login 405   405   405   405   405   405   405   405",
        "POST": "login login login 403   403   403   302   403   403   403   403",
    },
    "core:pick": {
        "GET": "login login login 403   200   403   200   200   200   403   200",
        "POST": "login login login 403   200   403   200   200   200   403   200",
    },
    "core:revoke_role": {
        "GET": "login login login 405   405   405   405   405   405   405   405",
        "POST": "login login login 403   403   403   200   403   403   403   403",
    },
    "core:settings": {
        "GET": "login login login 403   403   403   200   403   403   403   403",
        "POST": "login login login 403   403   403   200   403   403   403   403",
    },
    "core:team": {
        "GET": "login login login 403   403   403   200   403   403   403   403",
        "POST": "login login login 403   403   403   200   403   403   403   403",
    },
    "core:withdraw_invitation": {
        "GET": "login login login 405   405   405   405   405   405   405   405",
        "POST": "login login login 403   403   403   200   403   403   403   403",
    },
    "door:admissions": {
        "GET": "login login login 200   403   403   200   403   403   403   403",
        "POST": "login login login 405   405   405   405   405   405   405   405",
    },
    "door:checkins": {
        "GET": "login login login 200   200   403   200   200   200   200   200",
        "POST": "login login login 200   200   403   200   200   200   200   200",
    },
    "door:door": {
        "GET": "login login login 200   403   403   200   403   403   403   403",
        "POST": "login login login 200   403   403   200   403   403   403   403",
    },
    "door:sync": {
        "GET": "login login login 405   405   405   405   405   405   405   405",
        "POST": "login login login 400   403   403   400   403   403   403   403",
    },
    "matchmaking:agenda_ics": {
        "GET": "404   200   200   404   404   404   404   404   404   404   404",
        "POST": "405   405   405   405   405   405   405   405   405   405   405",
    },
    "matchmaking:agenda_pdf": {
        "GET": "404   200   200   404   404   404   404   404   404   404   404",
    },
    "matchmaking:answer": {
        "GET": "405   405   405   405   405   405   405   405   405   405   405",
        "POST": "404   302   404   404   404   404   404   404   404   404   404",
    },
    "matchmaking:figures_export": {
        "GET": "login login login 200   200   403   200   200   200   200   200",
        "POST": "405   405   405   405   405   405   405   405   405   405   405",
    },
    "matchmaking:keep_free": {
        "GET": "405   405   405   405   405   405   405   405   405   405   405",
        "POST": "404   302   302   404   404   404   404   404   404   404   404",
    },
    "matchmaking:meetings": {
        "GET": "404   200   200   404   404   404   404   404   404   404   404",
        "POST": "404   200   200   404   404   404   404   404   404   404   404",
    },
    "matchmaking:orga": {
        "GET": "login login login 200   200   403   200   200   200   200   200",
        "POST": "login login login 403   403   403   404   403   404   403   403",
    },
    "matchmaking:outcome": {
        "GET": "405   405   405   405   405   405   405   405   405   405   405",
        "POST": "404   302   404   404   404   404   404   404   404   404   404",
    },
    "matchmaking:profile": {
        "GET": "404   200   200   404   404   404   404   404   404   404   404",
        "POST": "404   200   200   404   404   404   404   404   404   404   404",
    },
    "matchmaking:report": {
        "GET": "405   405   405   405   405   405   405   405   405   405   405",
        "POST": "404   302   404   404   404   404   404   404   404   404   404",
    },
    "matchmaking:request": {
        "GET": "405   405   405   405   405   405   405   405   405   405   405",
        "POST": "404   302   302   404   404   404   404   404   404   404   404",
    },
    "matchmaking:tables": {
        "GET": "login login login 200   200   403   200   200   200   200   200",
        "POST": "405   405   405   405   405   405   405   405   405   405   405",
    },
    "program:changes": {
        "GET": "200   200   200   200   200   200   200   200   200   200   200",
        "POST": "200   200   200   200   200   200   200   200   200   200   200",
    },
    "program:delete_session": {
        "GET": "405   405   405   405   405   405   405   405   405   405   405",
        "POST": "403   403   403   403   403   403   302   302   403   403   403",
    },
    "program:edit_session": {
        "GET": "login login login 403   403   403   200   200   403   403   403",
        "POST": "login login login 403   403   403   200   200   403   403   403",
    },
    "program:move_session": {
        "GET": "login login login 403   403   403   200   200   403   403   403",
        "POST": "login login login 403   403   403   200   200   403   403   403",
    },
    "program:new_session": {
        "GET": "login login login 403   403   403   200   200   403   403   403",
        "POST": "login login login 403   403   403   200   200   403   403   403",
    },
    "program:program": {
        "GET": "200   200   200   200   200   200   200   200   200   200   200",
        "POST": "200   200   200   200   200   200   200   200   200   200   200",
    },
    "program:releases": {
        "GET": "login login login 200   200   403   200   200   200   200   200",
        "POST": "login login login 403   403   403   200   200   403   403   403",
    },
    "program:session": {
        "GET": "200   200   200   200   200   200   200   200   200   200   200",
        "POST": "200   200   200   200   200   200   200   200   200   200   200",
    },
    "program:speaker": {
        "GET": "200   200   200   200   200   200   200   200   200   200   200",
        "POST": "200   200   200   200   200   200   200   200   200   200   200",
    },
    "program:speakers": {
        "GET": "200   200   200   200   200   200   200   200   200   200   200",
        "POST": "200   200   200   200   200   200   200   200   200   200   200",
    },
    "program:timetable": {
        "GET": "login login login 200   200   403   200   200   200   200   200",
        "POST": "login login login 200   200   403   200   200   200   200   200",
    },
    "projects:add_document": {
        "GET": "login login login 405   405   405   405   405   405   405   405",
        "POST": "login login login 403   403   403   302   403   403   302   403",
    },
    "projects:change_status": {
        "GET": "login login login 405   405   405   405   405   405   405   405",
        "POST": "login login login 403   403   403   302   403   403   302   403",
    },
    "projects:edit_project": {
        "GET": "login login login 403   403   403   200   403   403   200   403",
        "POST": "login login login 403   403   403   200   403   403   200   403",
    },
    "projects:exchange_rates": {
        "GET": "login login login 403   403   403   200   403   403   200   403",
        "POST": "login login login 403   403   403   200   403   403   200   403",
    },
    "projects:import": {
        "GET": "login login login 403   403   403   200   403   403   200   403",
        "POST": "login login login 403   403   403   200   403   403   200   403",
    },
    "projects:import_export": {
        "GET": "login login login 403   403   403   200   403   403   200   403",
        "POST": "login login login 403   403   403   200   403   403   200   403",
    },
    "projects:import_job": {
        "GET": "login login login 403   403   403   200   403   403   200   403",
        "POST": "login login login 403   403   403   200   403   403   200   403",
    },
    "projects:import_template": {
        "GET": "login login login 403   403   403   200   403   403   200   403",
        "POST": "login login login 403   403   403   200   403   403   200   403",
    },
    "projects:new_project": {
        "GET": "login login login 403   403   403   200   403   403   200   403",
        "POST": "login login login 403   403   403   200   403   403   200   403",
    },
    "projects:project": {
        "GET": "200   200   200   200   200   200   200   200   200   200   200",
        "POST": "200   200   200   200   200   200   200   200   200   200   200",
    },
    "projects:registry": {
        "GET": "200   200   200   200   200   200   200   200   200   200   200",
        "POST": "200   200   200   200   200   200   200   200   200   200   200",
    },
    "projects:stats": {
        "GET": "200   200   200   200   200   200   200   200   200   200   200",
        "POST": "200   200   200   200   200   200   200   200   200   200   200",
    },
    "protocol:announcements_pdf": {
        "GET": "login login login 200   200   403   200   200   200   200   200",
    },
    "protocol:dignitaries": {
        "GET": "login login login 403   403   403   200   403   403   403   200",
        "POST": "login login login 403   403   403   200   403   403   403   200",
    },
    "protocol:edit_plan": {
        "GET": "login login login 403   403   403   200   403   403   403   200",
        "POST": "login login login 403   403   403   200   403   403   403   200",
    },
    "protocol:index": {
        "GET": "login login login 200   200   403   200   200   200   200   200",
        "POST": "login login login 200   200   403   200   200   200   200   200",
    },
    "protocol:interpretation": {
        "GET": "login login login 200   200   403   200   200   200   200   200",
        "POST": "login login login 403   403   403   200   403   403   403   200",
    },
    "protocol:interpreters": {
        "GET": "login login login 403   403   403   200   403   403   403   200",
        "POST": "login login login 403   403   403   200   403   403   403   200",
    },
    "protocol:layout": {
        "GET": "login login login 403   403   403   200   403   403   403   200",
        "POST": "login login login 403   403   403   200   403   403   403   200",
    },
    "protocol:layouts": {
        "GET": "login login login 200   200   403   200   200   200   200   200",
        "POST": "login login login 200   200   403   200   200   200   200   200",
    },
    "protocol:my_seat": {
        "GET": "404   200   404   404   404   404   404   404   404   404   404",
        "POST": "404   200   404   404   404   404   404   404   404   404   404",
    },
    "protocol:name_cards_pdf": {
        "GET": "login login login 200   200   403   200   200   200   200   200",
    },
    "protocol:new_plan": {
        "GET": "login login login 403   403   403   200   403   403   403   200",
        "POST": "login login login 403   403   403   200   403   403   403   200",
    },
    "protocol:precedence": {
        "GET": "login login login 200   200   403   200   200   200   200   200",
        "POST": "login login login 403   403   403   200   403   403   403   200",
    },
    "protocol:ranks": {
        "GET": "login login login 403   403   403   200   403   403   403   200",
        "POST": "login login login 403   403   403   200   403   403   403   200",
    },
    "protocol:remove_override": {
        "GET": "login login login 405   405   405   405   405   405   405   405",
        "POST": "login login login 403   403   403   200   403   403   403   200",
    },
    "protocol:remove_plan": {
        "GET": "login login login 405   405   405   405   405   405   405   405",
        "POST": "login login login 403   403   403   302   403   403   403   302",
    },
    "protocol:run_sheet": {
        "GET": "login login login 200   200   403   200   200   200   200   200",
        "POST": "login login login 403   403   403   400   403   403   403   400",
    },
    "protocol:run_sheet_pdf": {
        "GET": "login login login 200   200   403   200   200   200   200   200",
    },
    "protocol:seating": {
        "GET": "login login login 200   200   403   200   200   200   200   200",
        "POST": "login login login 403   403   403   200   403   403   403   200",
    },
    "protocol:seating_pdf": {
        "GET": "login login login 200   200   403   200   200   200   200   200",
    },
    "protocol:settings": {
        "GET": "login login login 403   403   403   200   403   403   403   200",
        "POST": "login login login 403   403   403   200   403   403   403   200",
    },
    "protocol:signing": {
        "GET": "login login login 403   403   403   200   403   403   403   200",
        "POST": "login login login 403   403   403   200   403   403   403   200",
    },
    "protocol:stage_svg": {
        "GET": "login login login 200   200   403   200   200   200   200   200",
        "POST": "login login login 200   200   403   200   200   200   200   200",
    },
    "protocol:table_cards_pdf": {
        "GET": "login login login 200   200   403   200   200   200   200   200",
    },
    "registration:add_member": {
        "GET": "404   200   404   404   404   404   404   404   404   404   404",
        "POST": "404   200   404   404   404   404   404   404   404   404   404",
    },
    "registration:agenda": {
        "GET": "404   200   200   404   404   404   404   404   404   404   404",
        "POST": "404   200   200   404   404   404   404   404   404   404   404",
    },
    "registration:cancel": {
        "GET": "405   405   405   405   405   405   405   405   405   405   405",
        "POST": "404   200   200   404   404   404   404   404   404   404   404",
    },
    "registration:change_photo": {
        "GET": "405   405   405   405   405   405   405   405   405   405   405",
        "POST": "404   400   400   404   404   404   404   404   404   404   404",
    },
    "registration:change_sessions": {
        "GET": "405   405   405   405   405   405   405   405   405   405   405",
        "POST": "404   302   302   404   404   404   404   404   404   404   404",
    },
    "registration:desk": {
        "GET": "login login login 200   200   403   200   200   200   200   200",
        "POST": "login login login 200   200   403   200   200   200   200   200",
    },
    "registration:desk_erase": {
        "GET": "login login login 403   403   403   200   403   403   403   403",
        "POST": "login login login 403   403   403   302   403   403   403   403",
    },
    "registration:desk_participant": {
        "GET": "login login login 200   200   403   200   200   200   200   200",
        "POST": "login login login 200   200   403   200   200   200   200   200",
    },
    "registration:email_template": {
        "GET": "login login login 403   403   403   200   403   200   403   403",
        "POST": "login login login 403   403   403   200   403   200   403   403",
    },
    "registration:email_template_reset": {
        "GET": "login login login 405   405   405   405   405   405   405   405",
        "POST": "login login login 403   403   403   200   403   200   403   403",
    },
    "registration:email_templates": {
        "GET": "login login login 403   403   403   200   403   200   403   403",
        "POST": "login login login 403   403   403   200   403   200   403   403",
    },
    "registration:export": {
        "GET": "login login login 403   403   403   200   403   200   403   403",
        "POST": "login login login 403   403   403   200   403   200   403   403",
    },
    "registration:import": {
        "GET": "login login login 403   403   403   200   403   200   403   403",
        "POST": "login login login 403   403   403   200   403   200   403   403",
    },
    "registration:import_job": {
        "GET": "login login login 403   403   403   200   403   200   403   403",
        "POST": "login login login 403   403   403   200   403   200   403   403",
    },
    "registration:import_template": {
        "GET": "login login login 403   403   403   200   403   200   403   403",
        "POST": "login login login 403   403   403   200   403   200   403   403",
    },
    "registration:info": {
        "GET": "405   405   405   405   405   405   405   405   405   405   405",
        "POST": "404   400   400   404   404   404   404   404   404   404   404",
    },
    "registration:mailing": {
        "GET": "login login login 403   403   403   200   403   200   403   403",
        "POST": "login login login 403   403   403   200   403   200   403   403",
    },
    "registration:mailing_new": {
        "GET": "login login login 403   403   403   200   403   200   403   403",
        "POST": "login login login 403   403   403   200   403   200   403   403",
    },
    "registration:mailings": {
        "GET": "login login login 403   403   403   200   403   200   403   403",
        "POST": "login login login 403   403   403   200   403   200   403   403",
    },
    "registration:manage": {
        "GET": "404   200   200   404   404   404   404   404   404   404   404",
        "POST": "404   200   200   404   404   404   404   404   404   404   404",
    },
    "registration:photo": {
        "GET": "404   200   404   404   404   404   404   404   404   404   404",
        "POST": "404   200   404   404   404   404   404   404   404   404   404",
    },
    "registration:register": {
        "GET": "200   200   200   200   200   200   200   200   200   200   200",
        "POST": "200   200   200   200   200   200   200   200   200   200   200",
    },
    "registration:staff_photo": {
        "GET": "404   404   404   200   404   404   200   404   200   404   404",
        "POST": "404   404   404   200   404   404   200   404   200   404   404",
    },
    "reports:chart": {
        "GET": "login login login 200   200   403   200   200   200   200   200",
        "POST": "login login login 200   200   403   200   200   200   200   200",
    },
    "reports:dashboard": {
        "GET": "login login login 200   200   403   200   200   200   200   200",
        "POST": "login login login 200   200   403   200   200   200   200   200",
    },
    "reports:edit_press_release": {
        "GET": "login login login 403   403   403   200   200   403   403   403",
        "POST": "login login login 403   403   403   400   400   403   403   403",
    },
    "reports:platform": {
        "GET": "200   200   200   200   200   200   200   200   200   200   200",
        "POST": "200   200   200   200   200   200   200   200   200   200   200",
    },
    "reports:press_release": {
        "GET": "200   200   200   200   200   200   200   200   200   200   200",
        "POST": "200   200   200   200   200   200   200   200   200   200   200",
    },
    "reports:press_release_pdf": {
        "GET": "200   200   200   200   200   200   200   200   200   200   200",
    },
    "reports:report": {
        "GET": "200   200   200   200   200   200   200   200   200   200   200",
        "POST": "200   200   200   200   200   200   200   200   200   200   200",
    },
    "reports:report_draft": {
        "GET": "login login login 200   200   403   200   200   200   200   200",
        "POST": "login login login 200   200   403   200   200   200   200   200",
    },
    "reports:report_pdf": {
        "GET": "200   200   200   200   200   200   200   200   200   200   200",
    },
    "set_language": {
        "GET": "302   302   302   302   302   302   302   302   302   302   302",
        "POST": "302   302   302   302   302   302   302   302   302   302   302",
    },
    "web:console": {
        "GET": "login login login 200   200   403   200   200   200   200   200",
        "POST": "login login login 200   200   403   200   200   200   200   200",
    },
    "web:forum": {
        "GET": "200   200   200   200   200   200   200   200   200   200   200",
        "POST": "200   200   200   200   200   200   200   200   200   200   200",
    },
    "web:home": {
        "GET": "200   200   200   200   200   200   200   200   200   200   200",
        "POST": "200   200   200   200   200   200   200   200   200   200   200",
    },
    "web:orga": {
        "GET": "login login login 302   302   302   302   302   302   302   302",
        "POST": "login login login 302   302   302   302   302   302   302   302",
    },
    "web:search": {
        "GET": "200   200   200   200   200   200   200   200   200   200   200",
        "POST": "200   200   200   200   200   200   200   200   200   200   200",
    },
}
