/*
| Cross-module reactions are wired here, in one place: modules emit domain events after commit and
| other modules subscribe (alerts after a posting, notifications after an approval request…).
*/
import '#modules/shared/domain_events'
