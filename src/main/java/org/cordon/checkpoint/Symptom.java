package org.cordon.checkpoint;

/** Symptoms asked at screening. */
public enum Symptom { FEVER, COUGH, FATIGUE, SHORTNESS_OF_BREATH }
