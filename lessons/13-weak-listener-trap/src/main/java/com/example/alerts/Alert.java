package com.example.alerts;

/** An alert the monitoring pipeline raised: which team it is for, and what is wrong. */
public record Alert(String team, String summary) {
}
