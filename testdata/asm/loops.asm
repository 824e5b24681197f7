; tracepoint:syscalls:sys_enter_read: 88 instructions, 95 slots
probe:
	  0: Call FnGetCurrentPidTgid
	  1: RShImm dst: r0 imm: 32
	  2: MovReg dst: r1 src: r0
	  3: ModImm dst: r1 imm: 8
	  4: LShImm dst: r1 imm: 32
	  5: ArShImm dst: r1 imm: 32
	  6: JSLEImm dst: r1 off: -1 imm: 0 <went_on_4>
	  7: StMemDW dst: rfp src: r0 off: -24 imm: 0
	  8: StMemDW dst: rfp src: r0 off: -16 imm: 0
	  9: StMemDW dst: rfp src: r0 off: -8 imm: 0
	 10: LdImmDW dst: r2 imm: -1 <for_range_3>
	 12: MovReg dst: r3 src: rfp
	 13: AddImm dst: r3 imm: -24
	 14: MovImm dst: r4 imm: 0
	 15: Call FnLoop
	 16: LdXMemDW dst: r1 src: rfp off: -8 imm: 0
	 17: JEqImm dst: r1 off: -1 imm: 0 <went_on_4>
	 18: Ja off: -1 <aggdone_11>
went_on_4:
	 19: MovImm dst: r1 imm: 0
while_5:
	 20: JSGEImm dst: r1 off: -1 imm: 4 <endwhile_6>
	 21: MovImm dst: r2 imm: 1
	 22: AddReg dst: r1 src: r2
	 23: JNEImm dst: r1 off: -1 imm: 3 <while_5>
endwhile_6:
	 24: StMemDW dst: rfp src: r0 off: -32 imm: 0
	 25: LoadMapPtr dst: r1 fd: 0 <@u>
	 27: MovReg dst: r2 src: rfp
	 28: AddImm dst: r2 imm: -32
	 29: Call FnMapLookupElem
	 30: JEqImm dst: r0 off: -1 imm: 0 <aggmiss_8>
	 31: LdXMemDW dst: r1 src: r0 off: 0 imm: 0
	 32: AddImm dst: r1 imm: 1
	 33: StXMemDW dst: r0 src: r1 off: 0 imm: 0
	 34: Ja off: -1 <aggdone_9>
aggmiss_8:
	 35: StMemDW dst: rfp src: r0 off: -40 imm: 1
	 36: LoadMapPtr dst: r1 fd: 0 <@u>
	 38: MovReg dst: r2 src: rfp
	 39: AddImm dst: r2 imm: -32
	 40: MovReg dst: r3 src: rfp
	 41: AddImm dst: r3 imm: -40
	 42: MovImm dst: r4 imm: 0
	 43: Call FnMapUpdateElem
aggdone_9:
	 44: StMemDW dst: rfp src: r0 off: -32 imm: 0
	 45: LoadMapPtr dst: r1 fd: 0 <@u>
	 47: MovReg dst: r2 src: rfp
	 48: AddImm dst: r2 imm: -32
	 49: Call FnMapLookupElem
	 50: JEqImm dst: r0 off: -1 imm: 0 <aggmiss_10>
	 51: LdXMemDW dst: r1 src: r0 off: 0 imm: 0
	 52: AddImm dst: r1 imm: 1
	 53: StXMemDW dst: r0 src: r1 off: 0 imm: 0
	 54: Ja off: -1 <aggdone_11>
aggmiss_10:
	 55: StMemDW dst: rfp src: r0 off: -40 imm: 1
	 56: LoadMapPtr dst: r1 fd: 0 <@u>
	 58: MovReg dst: r2 src: rfp
	 59: AddImm dst: r2 imm: -32
	 60: MovReg dst: r3 src: rfp
	 61: AddImm dst: r3 imm: -40
	 62: MovImm dst: r4 imm: 0
	 63: Call FnMapUpdateElem
aggdone_11:
	 64: MovImm dst: r0 imm: 0
	 65: Exit
for_range_3:
	 66: JNEImm dst: r1 off: -1 imm: 3 <for_range_3.else_5>
	 67: Ja off: -1 <for_range_3.aggdone_8>
for_range_3.else_5:
	 68: JNEImm dst: r1 off: -1 imm: 5 <for_range_3.else_6>
	 69: Ja off: -1 <for_range_3.return_1>
for_range_3.else_6:
	 70: StXMemDW dst: rfp src: r1 off: -8 imm: 0
	 71: LoadMapPtr dst: r1 fd: 0 <@>
	 73: MovReg dst: r2 src: rfp
	 74: AddImm dst: r2 imm: -8
	 75: Call FnMapLookupElem
	 76: JEqImm dst: r0 off: -1 imm: 0 <for_range_3.aggmiss_7>
	 77: LdXMemDW dst: r1 src: r0 off: 0 imm: 0
	 78: AddImm dst: r1 imm: 1
	 79: StXMemDW dst: r0 src: r1 off: 0 imm: 0
	 80: Ja off: -1 <for_range_3.aggdone_8>
for_range_3.aggmiss_7:
	 81: StMemDW dst: rfp src: r0 off: -16 imm: 1
	 82: LoadMapPtr dst: r1 fd: 0 <@>
	 84: MovReg dst: r2 src: rfp
	 85: AddImm dst: r2 imm: -8
	 86: MovReg dst: r3 src: rfp
	 87: AddImm dst: r3 imm: -16
	 88: MovImm dst: r4 imm: 0
	 89: Call FnMapUpdateElem
for_range_3.aggdone_8:
	 90: MovImm dst: r0 imm: 0
	 91: Ja off: -1 <for_range_3.done_2>
for_range_3.return_1:
	 92: StMemDW dst: r2 src: r0 off: 16 imm: 1
	 93: MovImm dst: r0 imm: 1
for_range_3.done_2:
	 94: Exit

