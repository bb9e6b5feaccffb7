package org.cordon.supplies;

/** The kind of post that requests supplies. Checkpoints are referred to by code, the others by area code. */
public enum PostType { CHECKPOINT, COMPOUND, HOSPITAL, OTHER }
