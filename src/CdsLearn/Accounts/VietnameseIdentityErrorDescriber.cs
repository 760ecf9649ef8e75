using Microsoft.AspNetCore.Identity;

namespace CdsLearn.Accounts;

/// <summary>Identity's messages, in Vietnamese.</summary>
public sealed class VietnameseIdentityErrorDescriber : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => Error(nameof(DefaultError), "Đã có lỗi xảy ra, vui lòng thử lại.");
    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure), "Dữ liệu vừa được thay đổi ở nơi khác, vui lòng thử lại.");
    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), "Mật khẩu không đúng.");
    public override IdentityError InvalidToken() => Error(nameof(InvalidToken), "Mã xác nhận không hợp lệ.");
    public override IdentityError LoginAlreadyAssociated() => Error(nameof(LoginAlreadyAssociated), "Tài khoản này đã được liên kết.");
    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName),
        $"Tên đăng nhập \"{userName}\" không hợp lệ: chỉ dùng chữ không dấu, chữ số và các dấu . _ -");
    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), $"Địa chỉ thư điện tử \"{email}\" không hợp lệ.");
    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), $"Tên đăng nhập \"{userName}\" đã có người dùng.");
    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), $"Thư điện tử \"{email}\" đã có người dùng.");
    public override IdentityError InvalidRoleName(string? role) => Error(nameof(InvalidRoleName), $"Vai trò \"{role}\" không hợp lệ.");
    public override IdentityError DuplicateRoleName(string role) => Error(nameof(DuplicateRoleName), $"Vai trò \"{role}\" đã có.");
    public override IdentityError UserAlreadyHasPassword() => Error(nameof(UserAlreadyHasPassword), "Tài khoản đã có mật khẩu.");
    public override IdentityError UserLockoutNotEnabled() => Error(nameof(UserLockoutNotEnabled), "Tài khoản này không dùng chế độ khoá.");
    public override IdentityError UserAlreadyInRole(string role) => Error(nameof(UserAlreadyInRole), $"Tài khoản đã có vai trò \"{role}\".");
    public override IdentityError UserNotInRole(string role) => Error(nameof(UserNotInRole), $"Tài khoản không có vai trò \"{role}\".");
    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), $"Mật khẩu phải có ít nhất {length} ký tự.");
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Error(nameof(PasswordRequiresUniqueChars), $"Mật khẩu phải có ít nhất {uniqueChars} ký tự khác nhau.");
    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(nameof(PasswordRequiresNonAlphanumeric), "Mật khẩu phải có ít nhất một ký tự đặc biệt.");
    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), "Mật khẩu phải có ít nhất một chữ số.");
    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), "Mật khẩu phải có ít nhất một chữ thường.");
    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), "Mật khẩu phải có ít nhất một chữ hoa.");

    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };
}
